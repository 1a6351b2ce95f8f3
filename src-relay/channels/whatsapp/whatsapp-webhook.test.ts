import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { metaHandshake, metaSignatureValid } from '../meta/meta-signature.js';
import { parseWhatsAppNotification } from './notification.js';

const SECRET = 'app-secret-0123';
const PHONE = '106540352242922';
const sign = (body: Buffer, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const notification = (value: Record<string, unknown>, phoneNumberId = PHONE, field = 'messages') => ({
  object: 'whatsapp_business_account',
  entry: [{ id: 'waba', changes: [{ field, value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId }, ...value } }] }],
});

describe("Meta's webhook signature", () => {
  it('holds for the exact bytes and the app secret only', () => {
    // Meta escapes non-ASCII: the bytes differ from a re-serialised body, and the signature covers the bytes.
    const raw = Buffer.from('{"text":{"body":"Gr\\u00fc\\u00dfe"}}');
    expect(metaSignatureValid(raw, sign(raw), SECRET)).toBe(true);
    expect(metaSignatureValid(Buffer.from(JSON.stringify(JSON.parse(raw.toString()))), sign(raw), SECRET)).toBe(false);
    expect(metaSignatureValid(raw, sign(raw, 'other-secret'), SECRET)).toBe(false);
    expect(metaSignatureValid(raw, sign(raw).replace('sha256=', 'sha1='), SECRET)).toBe(false);
    expect(metaSignatureValid(raw, 'sha256=abc', SECRET)).toBe(false);
    expect(metaSignatureValid(raw, undefined, SECRET)).toBe(false);
  });

  it('answers the handshake with the challenge for the verify token only', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me', 'hub.challenge': '1158201444' };
    expect(metaHandshake(query, 'verify-me')).toEqual({ status: 200, body: '1158201444' });
    expect(metaHandshake({ ...query, 'hub.verify_token': 'verify-mf' }, 'verify-me').status).toBe(403);
    expect(metaHandshake({ ...query, 'hub.mode': 'unsubscribe' }, 'verify-me').status).toBe(403);
    expect(metaHandshake({ ...query, 'hub.challenge': '<script>' }, 'verify-me').status).toBe(403);
  });
});

describe('a WhatsApp notification', () => {
  it("gives this number's messages with the sender's profile name, and the statuses of its replies with Meta's reasons", () => {
    const parsed = parseWhatsAppNotification(
      notification({
        contacts: [{ profile: { name: 'Kim' }, wa_id: '4917' }],
        messages: [
          { from: '4917', id: 'wamid.in1', timestamp: '1700000000', type: 'text', text: { body: 'Hallo' } },
          { from: '4918', id: 'wamid.in2', timestamp: '1700000001', type: 'location', location: { latitude: 1, longitude: 2 } },
        ],
        statuses: [
          { id: 'wamid.out1', status: 'read', timestamp: '1700000002', recipient_id: '4917' },
          { id: 'wamid.out2', status: 'failed', timestamp: '1700000003', recipient_id: '4917', errors: [{ code: 131047, title: 'Re-engagement message', error_data: { details: 'More than 24 hours' } }] },
          { id: 'wamid.out3', status: 'deleted', timestamp: '1700000004', recipient_id: '4917' },
        ],
      }),
      PHONE,
    );
    expect(parsed).toEqual({
      ok: true,
      webhook: {
        messages: [
          { providerMessageId: 'wamid.in1', externalUserId: '4917', displayName: 'Kim', language: null, body: 'Hallo', sentAt: 1_700_000_000_000 },
          { providerMessageId: 'wamid.in2', externalUserId: '4918', displayName: '+4918', language: null, body: '[location]', sentAt: 1_700_000_001_000 },
        ],
        statuses: [
          { providerMessageId: 'wamid.out1', delivery: { state: 'read', at: 1_700_000_002_000, failure: null, detail: null } },
          { providerMessageId: 'wamid.out2', delivery: { state: 'failed', at: 1_700_000_003_000, failure: 'outside-window', detail: 'WhatsApp error 131047: More than 24 hours' } },
        ],
      },
    });
  });

  it("leaves out another number's changes and other fields, and refuses what is not a WhatsApp notification", () => {
    const message = { messages: [{ from: '4917', id: 'wamid.x', timestamp: '1', type: 'text', text: { body: 'x' } }] };
    expect(parseWhatsAppNotification(notification(message, '999'), PHONE)).toEqual({ ok: true, webhook: { messages: [], statuses: [] } });
    expect(parseWhatsAppNotification(notification({ event: 'VERIFIED_ACCOUNT' }, PHONE, 'account_update'), PHONE)).toEqual({ ok: true, webhook: { messages: [], statuses: [] } });
    expect(parseWhatsAppNotification({ object: 'page', entry: [] }, PHONE).ok).toBe(false);
    expect(parseWhatsAppNotification(notification({ messages: [{ from: '4917', id: 'wamid.x' }] }), PHONE).ok).toBe(false);
  });
});
