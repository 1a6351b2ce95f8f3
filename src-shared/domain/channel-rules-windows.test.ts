import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INSTAGRAM_RULES,
  MESSAGING_RULES,
  MESSENGER_RULES,
  messagingRulesOf,
  replyQuotaAllows,
  repliesSinceCustomer,
  replyWindow,
  replyWindowEndsAt,
  TELEGRAM_RULES,
  textFits,
  utf8Length,
  WECHAT_RULES,
  WHATSAPP_RULES,
  windowOpen,
} from './channel-rules.js';
import type { ChannelDelivery, ChannelFailure, Message } from './model.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The tagged windows, the byte limits and the reply quota of Messenger, Instagram and WeChat. */
describe('reply windows with a human-agent extension', () => {
  it("opens Messenger's and Instagram's window for 24 hours, then lets a tagged reply go until 7 days", () => {
    const wrote = 1_000 * DAY;
    for (const rules of [MESSENGER_RULES, INSTAGRAM_RULES]) {
      expect(replyWindow(rules, wrote, wrote + 23.9 * HOUR)).toBe('open');
      expect(replyWindow(rules, wrote, wrote + 24 * HOUR)).toBe('tagged');
      expect(replyWindow(rules, wrote, wrote + 6.9 * DAY)).toBe('tagged');
      expect(replyWindow(rules, wrote, wrote + 7 * DAY)).toBe('closed');
      expect(replyWindow(rules, null, wrote)).toBe('closed');
    }
  });

  it("keeps WeChat's window 48 hours and untagged, and WhatsApp's and Telegram's as they were", () => {
    const wrote = 1_000 * DAY;
    expect(replyWindow(WECHAT_RULES, wrote, wrote + 47.9 * HOUR)).toBe('open');
    expect(replyWindow(WECHAT_RULES, wrote, wrote + 48 * HOUR)).toBe('closed');
    expect(replyWindow(WHATSAPP_RULES, wrote, wrote + 25 * HOUR)).toBe('closed');
    expect(replyWindow(TELEGRAM_RULES, null, wrote)).toBe('open');
  });

  it('never reopens as time passes, is tagged only where the provider has a tag, and agrees with windowOpen', () => {
    const rules = fc.constantFrom(...Object.values(MESSAGING_RULES));
    const order: Record<string, number> = { open: 0, tagged: 1, closed: 2 };
    fc.assert(
      fc.property(rules, fc.option(fc.integer({ min: 0, max: 1e12 })), fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 30 * DAY }), (r, wrote, at, later) => {
        const now = replyWindow(r, wrote, at);
        expect(order[replyWindow(r, wrote, at + later)]).toBeGreaterThanOrEqual(order[now] ?? 0);
        expect(now === 'open').toBe(windowOpen(r, wrote, at));
        if (r.taggedWindowMs === undefined) expect(now).not.toBe('tagged');
      }),
    );
  });

  it('says when each window ends: the free one, then the tagged one, never a closed one', () => {
    const wrote = 1_000 * DAY;
    expect(replyWindowEndsAt(WHATSAPP_RULES, wrote, replyWindow(WHATSAPP_RULES, wrote, wrote + HOUR))).toBe(wrote + DAY);
    expect(replyWindowEndsAt(WHATSAPP_RULES, wrote, replyWindow(WHATSAPP_RULES, wrote, wrote + 2 * DAY))).toBeNull();
    expect(replyWindowEndsAt(MESSENGER_RULES, wrote, replyWindow(MESSENGER_RULES, wrote, wrote + 2 * DAY))).toBe(wrote + 7 * DAY);
    expect(replyWindowEndsAt(TELEGRAM_RULES, wrote, 'open')).toBeNull();
    expect(replyWindowEndsAt(WHATSAPP_RULES, null, 'closed')).toBeNull();
  });

  it('has rules for the three new apps', () => {
    expect(messagingRulesOf('messenger')?.name).toBe('Messenger');
    expect(messagingRulesOf('instagram')?.maxTextBytes).toBe(1000);
    expect(messagingRulesOf('wechat')?.repliesPerInbound).toBe(5);
  });
});

describe('text limits in bytes', () => {
  it("counts Instagram's 1000 bytes of UTF-8: 1000 ASCII letters fit, 400 Japanese characters (1200 bytes) do not", () => {
    expect(textFits(INSTAGRAM_RULES, 'a'.repeat(1000))).toBe(true);
    expect(textFits(INSTAGRAM_RULES, 'a'.repeat(1001))).toBe(false);
    expect(textFits(INSTAGRAM_RULES, '日'.repeat(333))).toBe(true);
    expect(textFits(INSTAGRAM_RULES, '日'.repeat(400))).toBe(false);
    expect(textFits(MESSENGER_RULES, '日'.repeat(2000))).toBe(true);
    expect(textFits(MESSENGER_RULES, 'x'.repeat(2001))).toBe(false);
  });

  it('measures UTF-8 as percent-encoding does, surrogate pairs included', () => {
    // An independent count: each %XX of encodeURIComponent is one byte.
    const reference = (text: string) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, '_').length;
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(utf8Length(text)).toBe(reference(text));
        expect(textFits(INSTAGRAM_RULES, text)).toBe(text.length <= 1000 && utf8Length(text) <= 1000);
      }),
    );
    expect([utf8Length('a'), utf8Length('é'), utf8Length('日'), utf8Length('😀')]).toEqual([1, 2, 3, 4]);
  });
});

type Said = Pick<Message, 'author' | 'channelDelivery'>;
const delivery = (state: ChannelDelivery['state'], failure: ChannelFailure | null = null): ChannelDelivery => ({ state, at: 0, failure, detail: null });
const customer: Said = { author: 'customer', channelDelivery: null };
const reply = (state: ChannelDelivery['state'] = 'sent', failure: ChannelFailure | null = null): Said => ({ author: 'agent', channelDelivery: delivery(state, failure) });

describe("WeChat's replies per customer message", () => {
  it('counts the replies after the last customer message, but not refused ones, system lines or replies sent elsewhere', () => {
    expect(repliesSinceCustomer([])).toBe(0);
    expect(repliesSinceCustomer([reply(), customer])).toBe(0);
    expect(repliesSinceCustomer([reply(), customer, reply('queued'), reply('read'), reply('delivered')])).toBe(3);
    expect(repliesSinceCustomer([customer, reply('failed', 'reply-limit'), reply('failed', 'unconfirmed'), { author: 'system', channelDelivery: null }, { author: 'agent', channelDelivery: null }])).toBe(1);
  });

  it('allows the fifth reply and refuses the sixth', () => {
    const five = [customer, reply(), reply(), reply(), reply()];
    expect(replyQuotaAllows(WECHAT_RULES, repliesSinceCustomer(five))).toBe(true);
    expect(replyQuotaAllows(WECHAT_RULES, repliesSinceCustomer([...five, reply()]))).toBe(false);
    expect(replyQuotaAllows(MESSENGER_RULES, 1000)).toBe(true);
  });

  it('counts exactly the trailing replies that may have reached the customer, whatever came before', () => {
    const said = fc.oneof(fc.constant(customer), fc.constantFrom<Said>(reply(), reply('queued'), reply('failed', 'rejected'), reply('failed', 'unconfirmed')));
    fc.assert(
      fc.property(fc.array(said, { maxLength: 30 }), fc.array(said, { maxLength: 30 }), (before, after) => {
        const tail = after.filter((m) => m.author !== 'customer');
        const counted = tail.filter((m) => m.channelDelivery?.state !== 'failed' || m.channelDelivery.failure === 'unconfirmed').length;
        expect(repliesSinceCustomer([...before, customer, ...tail])).toBe(counted);
      }),
    );
  });
});
