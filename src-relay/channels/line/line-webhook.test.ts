import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lineAdapter } from './line-adapter.js';
import { lineRetryKey, nameBasedUuid } from './line-retry-key.js';
import { lineSignatureValid, parseLineWebhook } from './line-webhook.js';

const USER = 'U' + '4af4980629'.padEnd(32, '0');
const event = (over: Record<string, unknown>) => ({
  type: 'message',
  mode: 'active',
  timestamp: 1_700_000_000_123,
  source: { type: 'user', userId: USER },
  webhookEventId: '01FZ74A0TDDPYRVKNK77XKC3ZR',
  deliveryContext: { isRedelivery: false },
  replyToken: 'r',
  message: { id: '444573844083572737', type: 'text', quoteToken: 'q', text: 'สวัสดีครับ' },
  ...over,
});

describe("LINE's webhook signature", () => {
  it("holds for the vector in LINE's Node.js SDK, over the exact bytes and with the channel secret only", () => {
    // line/line-bot-sdk-nodejs test/validate-signature.spec.ts
    const body = Buffer.from(JSON.stringify({ hello: 'world' }));
    expect(lineSignatureValid(body, 't7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=', 'test_secret')).toBe(true);
    expect(lineSignatureValid(body, 't7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=', 'test_secret2')).toBe(false);
    expect(lineSignatureValid(Buffer.from('{"hello":"World"}'), 't7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=', 'test_secret')).toBe(false);
    // Base64 decoders skip stray characters; the header must be the signature itself.
    expect(lineSignatureValid(body, 't7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=!', 'test_secret')).toBe(false);
    expect(lineSignatureValid(body, '', 'test_secret')).toBe(false);
    expect(lineSignatureValid(body, undefined, 'test_secret')).toBe(false);
  });

  it('is checked by the adapter on the raw bytes of a Thai body', () => {
    const secret = '8c570fa6dd201bb328f1c1eac23a96d8';
    const rawBody = Buffer.from(JSON.stringify({ destination: 'U1', events: [event({})] }));
    const request = (signature: string) => ({ rawBody, headers: { 'x-line-signature': signature }, query: {}, url: 'https://relay.test/channels/line/x' });
    const credentials = { channelSecret: secret, channelAccessToken: 'token-0123456789abcdefghij' };
    expect(lineAdapter.verify(request(createHmac('sha256', secret).update(rawBody).digest('base64')), credentials)).toBe(true);
    expect(lineAdapter.verify(request(createHmac('sha256', secret).update(rawBody.toString('latin1')).digest('base64')), credentials)).toBe(false);
  });
});

describe('a LINE webhook', () => {
  it("gives users' messages in one-to-one chats, by message id, and leaves out the rest", () => {
    const parsed = parseLineWebhook({
      destination: 'Ubot',
      events: [
        event({}),
        event({ message: { id: '444573844083572738', type: 'file', fileName: 'invoice.pdf', fileSize: 10 } }),
        event({ message: { id: '444573844083572739', type: 'sticker', packageId: '1', stickerId: '2' } }),
        event({ source: { type: 'group', groupId: 'C1', userId: USER } }),
        { type: 'follow', timestamp: 1, source: { type: 'user', userId: USER }, webhookEventId: 'x', deliveryContext: { isRedelivery: false } },
      ],
    });
    expect(parsed).toEqual({
      ok: true,
      webhook: {
        messages: [
          { providerMessageId: '444573844083572737', externalUserId: USER, displayName: 'LINE user 000000', language: null, body: 'สวัสดีครับ', sentAt: 1_700_000_000_123 },
          { providerMessageId: '444573844083572738', externalUserId: USER, displayName: 'LINE user 000000', language: null, body: 'invoice.pdf', sentAt: 1_700_000_000_123, media: [{ ref: '444573844083572738', name: 'invoice.pdf', mediaType: null, size: 10 }] },
          { providerMessageId: '444573844083572739', externalUserId: USER, displayName: 'LINE user 000000', language: null, body: '[sticker]', sentAt: 1_700_000_000_123 },
        ],
        statuses: [],
      },
    });
  });

  it("acknowledges the console's empty verification, and refuses what is not LINE's", () => {
    expect(parseLineWebhook({ destination: 'Ubot', events: [] })).toEqual({ ok: true, webhook: { messages: [], statuses: [] } });
    expect(parseLineWebhook({ object: 'page' }).ok).toBe(false);
    expect(parseLineWebhook({ destination: 'Ubot', events: [event({ message: { id: 'not-digits', type: 'text', text: 'x' } })] }).ok).toBe(false);
  });
});

describe("a reply's X-Line-Retry-Key", () => {
  it('is a version 5 UUID (the RFC example) derived from the message id alone', () => {
    // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
    expect(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(lineRetryKey('reply-1')).toBe(lineRetryKey('reply-1'));
    expect(lineRetryKey('reply-1')).not.toBe(lineRetryKey('reply-2'));
    expect(lineRetryKey('reply-1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // A reply in several pushes: the first keeps the reply's key, each other its own, the same on every attempt.
    expect(lineRetryKey('reply-1', 0)).toBe(lineRetryKey('reply-1'));
    expect(new Set([0, 1, 2].map((part) => lineRetryKey('reply-1', part))).size).toBe(3);
    expect(lineRetryKey('reply-1', 1)).toBe(lineRetryKey('reply-1', 1));
  });
});
