import { describe, expect, it } from 'vitest';
import { metaSignature } from '../../channels/fakes/whatsapp/payloads.js';
import { WhatsAppTraffic } from './webhook-load.js';

const ACCOUNT = { phoneNumberId: '106540352242922', appSecret: 'bench-app-secret' };

describe("the channels benchmark's WhatsApp traffic", () => {
  it('makes one in ten webhooks an exact redelivery of an earlier one, and every other a new message', () => {
    const traffic = new WhatsAppTraffic(ACCOUNT, 7);
    const webhooks = traffic.take(100);
    const ids = webhooks.map((w) => (JSON.parse(w.body.toString('utf8')) as { entry: { changes: { value: { messages: { id: string }[] } }[] }[] }).entry[0]!.changes[0]!.value.messages[0]!.id);
    expect(traffic.redeliveries).toBe(10);
    expect(traffic.uniqueIds.size).toBe(90);
    expect(new Set(ids).size).toBe(90);
    webhooks.forEach((webhook, i) => {
      const earlier = webhooks.slice(0, i).find((w) => w.body.equals(webhook.body));
      // A redelivery is the very same bytes and signature as the first delivery.
      if (i % 10 === 9) expect(earlier?.signature).toBe(webhook.signature);
      else expect(earlier).toBeUndefined();
    });
  });

  it("signs each body's exact bytes with the app secret, as Meta does", () => {
    const [webhook] = new WhatsAppTraffic(ACCOUNT, 3).take(1);
    expect(webhook!.signature).toBe(metaSignature(webhook!.body.toString('utf8'), ACCOUNT.appSecret));
    expect(webhook!.signature).not.toBe(metaSignature(webhook!.body.toString('utf8'), 'another-secret'));
  });

  it('spreads the new messages over the customers', () => {
    const webhooks = new WhatsAppTraffic(ACCOUNT, 3).take(9);
    const senders = webhooks.map((w) => (JSON.parse(w.body.toString('utf8')) as { entry: { changes: { value: { messages: { from: string }[] } }[] }[] }).entry[0]!.changes[0]!.value.messages[0]!.from);
    expect(new Set(senders.slice(0, 6)).size).toBe(3);
  });
});
