import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseViberCallback, viberSignatureValid } from './viber-callback.js';

const TOKEN = '445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9';
const sign = (body: Buffer, token = TOKEN) => createHmac('sha256', token).update(body).digest('hex');
const raw = (text: string) => Buffer.from(text);

describe("Viber's callback signature", () => {
  it('holds for the exact bytes and the auth token only, in either case of hex', () => {
    const body = raw('{"event":"webhook","timestamp":1457764197627,"message_token":241256543215}');
    expect(viberSignatureValid(body, sign(body), TOKEN)).toBe(true);
    expect(viberSignatureValid(body, sign(body).toUpperCase(), TOKEN)).toBe(true);
    expect(viberSignatureValid(body, sign(body, `${TOKEN}x`), TOKEN)).toBe(false);
    expect(viberSignatureValid(raw(`${body.toString()} `), sign(body), TOKEN)).toBe(false);
    expect(viberSignatureValid(body, sign(body).slice(2), TOKEN)).toBe(false);
    expect(viberSignatureValid(body, `${sign(body).slice(2)}zz`, TOKEN)).toBe(false);
    expect(viberSignatureValid(body, undefined, TOKEN)).toBe(false);
  });
});

describe('a Viber callback', () => {
  it("gives a user's message under its 64-bit token, with the sender's name and language", () => {
    const body = raw(
      '{"event":"message","timestamp":1457764197627,"chat_hostname":"SN-CHAT-03_","message_token":4912661846655238145,' +
        '"sender":{"id":"01234567890A=","name":"Olena Koval","avatar":"https://x/a.jpg","country":"UA","language":"uk","api_version":10},' +
        '"message":{"type":"text","text":"Привіт! \\"message_token\\":1"},"silent":false}',
    );
    expect(parseViberCallback(body)).toEqual({
      ok: true,
      webhook: {
        messages: [{ providerMessageId: '4912661846655238145', externalUserId: '01234567890A=', displayName: 'Olena Koval', language: 'uk', body: 'Привіт! "message_token":1', sentAt: 1457764197627 }],
        statuses: [],
      },
    });
    const picture = raw('{"event":"message","timestamp":1,"message_token":5,"sender":{"id":"u"},"message":{"type":"picture","text":"the box","media":"https://x/p.jpg"}}');
    expect(parseViberCallback(picture)).toMatchObject({ ok: true, webhook: { messages: [{ displayName: 'Viber user', language: null, body: 'the box', media: [{ ref: 'https://x/p.jpg', name: 'picture.jpg', mediaType: null, size: null }] }] } });
  });

  it('gives delivered, seen (read) and failed for our messages, by token', () => {
    const status = (event: string, extra = '') => parseViberCallback(raw(`{"event":"${event}","timestamp":1457764197628,"message_token":18446744073709551615,"user_id":"01234567890A="${extra}}`));
    expect(status('delivered')).toEqual({ ok: true, webhook: { messages: [], statuses: [{ providerMessageId: '18446744073709551615', delivery: { state: 'delivered', at: 1457764197628, failure: null, detail: null } }] } });
    expect(status('seen')).toMatchObject({ webhook: { statuses: [{ delivery: { state: 'read' } }] } });
    expect(status('failed', ',"desc":"failure description"')).toMatchObject({ webhook: { statuses: [{ delivery: { state: 'failed', failure: 'undeliverable', detail: 'Viber: failure description' } }] } });
  });

  it("acknowledges set_webhook's check and the subscription events, and refuses what is not Viber's", () => {
    const empty = { ok: true, webhook: { messages: [], statuses: [] } };
    expect(parseViberCallback(raw('{"event":"webhook","timestamp":1457764197627,"chat_hostname":"SN-platform","message_token":241256543215}'))).toEqual(empty);
    expect(parseViberCallback(raw('{"event":"subscribed","timestamp":1,"user":{"id":"u"},"message_token":2}'))).toEqual(empty);
    expect(parseViberCallback(raw('{"event":"conversation_started","timestamp":1,"type":"open","user":{"id":"u"},"subscribed":false,"message_token":3}'))).toEqual(empty);
    expect(parseViberCallback(raw('{"object":"page"}')).ok).toBe(false);
    expect(parseViberCallback(raw('not json')).ok).toBe(false);
    expect(parseViberCallback(raw('{"event":"message","timestamp":1,"message_token":1.5,"sender":{"id":"u"},"message":{"type":"text","text":"x"}}')).ok).toBe(false);
  });
});
