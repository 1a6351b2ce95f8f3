import { describe, expect, it } from 'vitest';
import { smsAdapter } from './sms-adapter.js';
import { parseSmsWebhook, smsSignatureValid } from './sms-webhook.js';

const ACCOUNT = 'AC' + 'a'.repeat(32);
const CREDENTIALS = { accountSid: ACCOUNT, authToken: '0123456789abcdef0123456789abcdef', from: '+15005550006' };
const SID = 'SM' + '1'.repeat(32);
const form = (fields: Record<string, string>) => Buffer.from(new URLSearchParams(fields).toString());
const NOW = 1_700_000_000_000;

describe("Twilio's webhook signature", () => {
  it("holds for Twilio's documented example: the full URL with its query, then the sorted fields", () => {
    // https://www.twilio.com/docs/usage/webhooks/webhooks-security (also twilio-node's spec/validation.spec.js)
    const request = (signature: string | undefined, url = 'https://mycompany.com/myapp.php?foo=1&bar=2') => ({
      rawBody: form({ CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' }),
      headers: signature === undefined ? {} : { 'x-twilio-signature': signature },
      query: {},
      url,
    });
    const credentials = { ...CREDENTIALS, authToken: '12345' };
    expect(smsSignatureValid(request('RSOYDt4T1cUTdK1PDd93/VVr8B8='), credentials)).toBe(true);
    expect(smsSignatureValid(request('RSOYDt4T1cUTdK1PDd93/VVr8B8='), { ...credentials, authToken: '12346' })).toBe(false);
    expect(smsSignatureValid(request('RSOYDt4T1cUTdK1PDd93/VVr8B8=', 'https://mycompany.com/myapp.php?foo=1&bar=3'), credentials)).toBe(false);
    expect(smsSignatureValid(request(''), credentials)).toBe(false);
    expect(smsSignatureValid(request(undefined), credentials)).toBe(false);
  });
});

describe('a Twilio SMS webhook', () => {
  const incoming = (over: Record<string, string> = {}) =>
    form({ SmsMessageSid: SID, NumMedia: '0', SmsSid: SID, SmsStatus: 'received', Body: 'Olá, cadê meu pedido?', To: CREDENTIALS.from, NumSegments: '1', MessageSid: SID, AccountSid: ACCOUNT, From: '+5511987654321', ApiVersion: '2010-04-01', ...over });

  it('gives an incoming message from the customer\'s number, by its MessageSid, and an MMS\'s media to fetch', () => {
    expect(parseSmsWebhook(incoming(), CREDENTIALS, NOW)).toEqual({
      ok: true,
      webhook: { messages: [{ providerMessageId: SID, externalUserId: '+5511987654321', displayName: '+5511987654321', language: null, body: 'Olá, cadê meu pedido?', sentAt: NOW }], statuses: [] },
    });
    const mms = parseSmsWebhook(incoming({ NumMedia: '1', MediaContentType0: 'image/jpeg', MediaUrl0: 'https://api.twilio.com/m', Body: '' }), CREDENTIALS, NOW);
    // With no words, the message reads as its file's name; the file is fetched before the message is stored.
    expect(mms).toMatchObject({ ok: true, webhook: { messages: [{ body: 'media-1.jpg', media: [{ ref: 'https://api.twilio.com/m', name: 'media-1.jpg', mediaType: 'image/jpeg', size: null }] }] } });
  });

  it("leaves out another number's or another account's messages, and refuses a form that is not Twilio's", () => {
    const empty = { ok: true, webhook: { messages: [], statuses: [] } };
    expect(parseSmsWebhook(incoming({ To: '+15005550007' }), CREDENTIALS, NOW)).toEqual(empty);
    expect(parseSmsWebhook(incoming({ AccountSid: 'AC' + 'b'.repeat(32) }), CREDENTIALS, NOW)).toEqual(empty);
    // Through a Messaging Service, any number of its pool is the account's.
    expect(parseSmsWebhook(incoming({ To: '+15005550007' }), { ...CREDENTIALS, from: undefined, messagingServiceSid: 'MG' + '2'.repeat(32) }, NOW)).toMatchObject({ webhook: { messages: [{ body: 'Olá, cadê meu pedido?' }] } });
    expect(parseSmsWebhook(form({ Body: 'hi' }), CREDENTIALS, NOW).ok).toBe(false);
    expect(parseSmsWebhook(Buffer.from('{"json":true}'), CREDENTIALS, NOW).ok).toBe(false);
  });

  it('gives the statuses of our messages, with the reason Twilio gives for a failure', () => {
    const status = (MessageStatus: string, over: Record<string, string> = {}) =>
      parseSmsWebhook(form({ SmsSid: SID, SmsStatus: MessageStatus, MessageStatus, To: '+5511987654321', MessageSid: SID, AccountSid: ACCOUNT, From: CREDENTIALS.from, ApiVersion: '2010-04-01', ...over }), CREDENTIALS, NOW);
    expect(status('delivered')).toEqual({ ok: true, webhook: { messages: [], statuses: [{ providerMessageId: SID, delivery: { state: 'delivered', at: NOW, failure: null, detail: null } }] } });
    expect(status('undelivered', { ErrorCode: '30003' })).toMatchObject({ webhook: { statuses: [{ delivery: { state: 'failed', failure: 'undeliverable', detail: 'Twilio error 30003: Unreachable destination handset' } }] } });
    expect(status('failed', { ErrorCode: '21610' })).toMatchObject({ webhook: { statuses: [{ delivery: { failure: 'unsubscribed' } }] } });
    expect(status('failed', { ErrorCode: '30005' })).toMatchObject({ webhook: { statuses: [{ delivery: { failure: 'invalid-recipient' } }] } });
    expect(status('failed', { ErrorCode: '30007' })).toMatchObject({ webhook: { statuses: [{ delivery: { failure: 'rejected' } }] } });
    expect(status('sending')).toEqual({ ok: true, webhook: { messages: [], statuses: [] } });
    expect(status('queued')).toEqual({ ok: true, webhook: { messages: [], statuses: [] } });
  });

  it('is answered with an empty TwiML response, so Twilio sends the customer nothing', () => {
    const answer = smsAdapter.acknowledge?.({ rawBody: incoming(), headers: {}, query: {}, url: 'https://relay.test/channels/sms/x' });
    expect(answer).toEqual({ status: 200, body: '<?xml version="1.0" encoding="UTF-8"?><Response/>', contentType: 'text/xml; charset=utf-8' });
  });

  it('takes credentials with a sending number or a Messaging Service, and says what is missing', () => {
    expect(smsAdapter.credentials.safeParse(CREDENTIALS).success).toBe(true);
    const neither = smsAdapter.credentials.safeParse({ accountSid: ACCOUNT, authToken: CREDENTIALS.authToken });
    expect(neither.error?.issues[0]?.message).toMatch(/give the Twilio number/);
    expect(smsAdapter.credentials.safeParse({ ...CREDENTIALS, from: '5005550006' }).error?.issues[0]?.message).toMatch(/E\.164/);
  });
});
