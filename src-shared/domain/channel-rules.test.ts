import { describe, expect, it } from 'vitest';
import { advancesDelivery, messagingRulesOf, TELEGRAM_RULES, WHATSAPP_RULES, windowOpen } from './channel-rules.js';
import type { ChannelDelivery } from './model.js';

const HOUR = 3_600_000;
const delivery = (state: ChannelDelivery['state']): ChannelDelivery => ({ state, at: 0, failure: state === 'failed' ? 'undeliverable' : null, detail: null });

describe('messaging rules', () => {
  it("keeps WhatsApp's window open for 24 hours after the customer's last message, and Telegram's always", () => {
    const wrote = 1_000 * HOUR;
    expect(windowOpen(WHATSAPP_RULES, wrote, wrote + 23.9 * HOUR)).toBe(true);
    expect(windowOpen(WHATSAPP_RULES, wrote, wrote + 24 * HOUR)).toBe(false);
    expect(windowOpen(WHATSAPP_RULES, null, wrote)).toBe(false);
    expect(windowOpen(TELEGRAM_RULES, wrote, wrote + 1000 * HOUR)).toBe(true);
  });

  it('has rules for the messaging apps and email only', () => {
    expect(messagingRulesOf('whatsapp')?.maxTextLength).toBe(4096);
    expect(messagingRulesOf('telegram')?.maxTextLength).toBe(4096);
    expect([messagingRulesOf('line')?.maxTextLength, messagingRulesOf('sms')?.maxSegments, messagingRulesOf('viber')?.maxTextLength]).toEqual([5000, 10, 7000]);
    expect((['line', 'sms', 'viber'] as const).map((channel) => messagingRulesOf(channel)?.windowMs)).toEqual([null, null, null]);
    expect(messagingRulesOf('webchat')).toBeNull();
    // Email goes through the same channel framework: no reply window.
    expect(messagingRulesOf('email')).toMatchObject({ name: 'Email', windowMs: null });
  });

  it('moves a delivery forward only: statuses out of order never take it back, and failed and read end it', () => {
    expect(advancesDelivery(null, delivery('queued'))).toBe(true);
    expect(advancesDelivery(delivery('queued'), delivery('sent'))).toBe(true);
    expect(advancesDelivery(delivery('sent'), delivery('read'))).toBe(true);
    expect(advancesDelivery(delivery('read'), delivery('delivered'))).toBe(false);
    expect(advancesDelivery(delivery('delivered'), delivery('delivered'))).toBe(false);
    expect(advancesDelivery(delivery('sent'), delivery('failed'))).toBe(true);
    expect(advancesDelivery(delivery('failed'), delivery('delivered'))).toBe(false);
    expect(advancesDelivery(delivery('read'), delivery('failed'))).toBe(false);
  });
});
