import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver } from '../shared-test-receiver.js';
import { startMessengerFake, type MessengerFake } from './fake.js';
import { messengerDelivered, messengerError, messengerRead, messengerText, messengerAttachment } from './payloads.js';

const APP_SECRET = 'messenger-app-secret';
const TOKEN = 'EAAG-page-token';
const PAGE = '1122334455';
const PSID = '24680135792468';
const fast = { attempts: 3, delayMs: 5 };

/** An independent check of X-Hub-Signature-256, as a receiver would write it. */
function signedByMeta(rawBody: string, header: string | undefined, secret = APP_SECRET): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', secret).update(Buffer.from(rawBody, 'utf8')).digest();
  const given = Buffer.from(header.slice(7), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A Send API answer: success fields or Graph's error object. */
interface GraphAnswer {
  recipient_id?: string;
  message_id?: string;
  error: { code: number; error_subcode?: number; message: string; type: string };
}

let fake: MessengerFake;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await fake.close();
  for (const close of closers.splice(0)) await close();
});

async function send(body: unknown, token = TOKEN, path = '/v21.0/me/messages') {
  const response = await fetch(`${fake.apiBaseUrl}${path}?access_token=${encodeURIComponent(token)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphAnswer };
}

const reply = (text: string, extra: Record<string, unknown> = {}) => ({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text }, ...extra });

describe('the Messenger fake: Send API', () => {
  it('answers a send as Meta documents and records the token and body', async () => {
    fake = await startMessengerFake({ appSecret: APP_SECRET, accessToken: TOKEN });
    const answer = await send(reply('Hello'));
    expect(answer.status).toBe(200);
    expect(answer.body.recipient_id).toBe(PSID);
    expect(answer.body.message_id).toMatch(/^m_/);
    expect(fake.sent[0]).toMatchObject({ method: 'POST', path: '/v21.0/me/messages', query: { access_token: TOKEN }, body: reply('Hello') });
    await send(reply('Wrong token'), 'other');
    expect(fake.texts()).toEqual([{ to: PSID, text: 'Hello', id: answer.body.message_id }]);
  });

  it("refuses a wrong or missing token with Graph's OAuth errors, and records those requests", async () => {
    fake = await startMessengerFake({ appSecret: APP_SECRET, accessToken: TOKEN });
    fake.respondNext({ status: 200, body: { recipient_id: PSID, message_id: 'm_scripted' } });
    const wrong = await send(reply('Hello'), 'other-token');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ type: 'OAuthException', code: 190 });
    const missing = await fetch(`${fake.apiBaseUrl}/v21.0/me/messages`, { method: 'POST', body: '{}' });
    expect(((await missing.json()) as { error: { code: number } }).error.code).toBe(104);
    expect(fake.sent).toHaveLength(2);
    // The script was kept for a send with the right credentials.
    expect((await send(reply('Hello'))).body.message_id).toBe('m_scripted');
  });

  it('answers GET /me with the account the token speaks for, and refuses a wrong token', async () => {
    fake = await startMessengerFake({ appSecret: APP_SECRET, accessToken: TOKEN, account: { id: PAGE, name: 'Acme Shoes' } });
    const me = await fetch(`${fake.apiBaseUrl}/v21.0/me?fields=id,name`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await me.json()).toEqual({ id: PAGE, name: 'Acme Shoes' });
    const wrong = await fetch(`${fake.apiBaseUrl}/v21.0/me?fields=id,name&access_token=other`);
    expect(((await wrong.json()) as GraphAnswer).error.code).toBe(190);
  });

  it('plays scripted failures in order, then answers success again', async () => {
    fake = await startMessengerFake({ appSecret: APP_SECRET, accessToken: TOKEN });
    fake.respondNext(messengerError.temporary(), messengerError.userUnavailable());
    expect((await send(reply('a'))).status).toBe(500);
    const unavailable = await send(reply('b'));
    expect(unavailable.body.error).toMatchObject({ code: 551, error_subcode: 1545041, message: "This person isn't available right now." });
    expect((await send(reply('c'))).status).toBe(200);
  });

  it('answers every send to one recipient the same way when told to', async () => {
    fake = await startMessengerFake({ appSecret: APP_SECRET, accessToken: TOKEN });
    fake.respondFor(PSID, messengerError.noMatchingUser());
    expect((await send(reply('a'))).body.error.error_subcode).toBe(2018001);
    expect((await send({ ...reply('b'), recipient: { id: '999' } })).status).toBe(200);
    expect((await send(reply('c'))).body.error.error_subcode).toBe(2018001);
  });

  it('enforces the 24-hour window and the 7-day HUMAN_AGENT tag when asked to', async () => {
    fake = await startMessengerFake({ appSecret: APP_SECRET, accessToken: TOKEN, enforceWindow: true });
    const closed = await send(reply('Hello'));
    expect(closed.body.error).toMatchObject({ code: 10, error_subcode: 2018278 });
    fake.customerWrote(PSID, Date.now() - 2 * 24 * 3600_000);
    expect((await send(reply('Hello'))).body.error.error_subcode).toBe(2018278);
    expect((await send(reply('Hello', { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }))).status).toBe(200);
    fake.customerWrote(PSID, Date.now() - 8 * 24 * 3600_000);
    expect((await send(reply('Hello', { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }))).status).toBe(400);
    const receiver = await startReceiver();
    closers.push(receiver.close);
    await fake.deliver(messengerText({ pageId: PAGE, psid: PSID, text: 'Hi again' }), { webhookUrl: receiver.origin + '/hook' });
    expect((await send(reply('Hello'))).status).toBe(200);
  });

  it('refuses a text over 2000 characters, a send without messaging_type, and an empty message', async () => {
    fake = await startMessengerFake({ appSecret: APP_SECRET, accessToken: TOKEN });
    expect((await send(reply('x'.repeat(2001)))).body.error.code).toBe(100);
    expect((await send({ recipient: { id: PSID }, message: { text: 'x' } })).body.error.code).toBe(100);
    expect((await send({ ...reply('x'), message: {} })).body.error.code).toBe(100);
  });

  it('fetches an outbound attachment from its URL, takes an uploaded one, and refuses an unreachable one', async () => {
    fake = await startMessengerFake({ appSecret: APP_SECRET, accessToken: TOKEN });
    const relay = await startReceiver();
    closers.push(relay.close);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const url = relay.serve('/media/receipt.png', png, 'image/png');
    const byUrl = await send({ ...reply(''), message: { attachment: { type: 'image', payload: { url, is_reusable: false } } } });
    expect(byUrl.status).toBe(200);
    expect(fake.receivedMedia[0]).toMatchObject({ url, status: 200, contentType: 'image/png' });
    expect(fake.receivedMedia[0]?.bytes.equals(png)).toBe(true);

    const form = new FormData();
    form.append('recipient', JSON.stringify({ id: PSID }));
    form.append('messaging_type', 'RESPONSE');
    form.append('message', JSON.stringify({ attachment: { type: 'file', payload: { is_reusable: false } } }));
    form.append('filedata', new Blob([Buffer.from('%PDF-1.4')], { type: 'application/pdf' }), 'invoice.pdf');
    const uploaded = await fetch(`${fake.apiBaseUrl}/v21.0/me/messages?access_token=${TOKEN}`, { method: 'POST', body: form });
    expect(uploaded.status).toBe(200);
    expect(fake.receivedMedia[1]).toMatchObject({ url: 'upload:invoice.pdf', contentType: 'application/pdf' });
    expect(fake.receivedMedia[1]?.bytes.toString()).toBe('%PDF-1.4');

    const gone = await send({ ...reply(''), message: { attachment: { type: 'image', payload: { url: 'http://127.0.0.1:1/unreachable.png' } } } });
    expect(gone.body.error).toMatchObject({ code: 100, error_subcode: 2018008 });
  });
});

describe('the Messenger fake: webhooks', () => {
  it('signs every delivery so an independent check accepts it, escaping non-ASCII as Meta does', async () => {
    fake = await startMessengerFake({ appSecret: APP_SECRET, accessToken: TOKEN });
    const receiver = await startReceiver((request) => ({ status: signedByMeta(request.rawBody, request.headers['x-hub-signature-256']) ? 200 : 403 }));
    closers.push(receiver.close);
    const status = await fake.deliver(messengerText({ pageId: PAGE, psid: PSID, text: 'Olá, ça va? 你好' }), { webhookUrl: receiver.origin + '/hook' });
    expect(status).toBe(200);
    const body = receiver.received[0]?.rawBody ?? '';
    expect(body).toContain('Ol\\u00e1, \\u00e7a va? \\u4f60\\u597d');
    expect(JSON.parse(body)).toMatchObject({ object: 'page', entry: [{ id: PAGE, messaging: [{ sender: { id: PSID }, message: { text: 'Olá, ça va? 你好' } }] }] });
  });

  it('sends forged and missing signatures that an independent check refuses', async () => {
    fake = await startMessengerFake({ appSecret: APP_SECRET, accessToken: TOKEN, retry: { attempts: 1, delayMs: 0 } });
    const receiver = await startReceiver((request) => ({ status: signedByMeta(request.rawBody, request.headers['x-hub-signature-256']) ? 200 : 403 }));
    closers.push(receiver.close);
    const payload = messengerText({ pageId: PAGE, psid: PSID, text: 'Hi' });
    expect(await fake.deliver(payload, { webhookUrl: receiver.origin, signature: 'forged' })).toBe(403);
    expect(await fake.deliver(payload, { webhookUrl: receiver.origin, signature: 'missing' })).toBe(403);
    expect(receiver.received[1]?.headers['x-hub-signature-256']).toBeUndefined();
  });

  it('redelivers the same bytes until the receiver answers 200, and stops after its attempts', async () => {
    fake = await startMessengerFake({ appSecret: APP_SECRET, accessToken: TOKEN, retry: fast });
    const receiver = await startReceiver((_request, index) => ({ status: index === 0 ? 500 : 200 }));
    closers.push(receiver.close);
    expect(await fake.deliver(messengerRead({ pageId: PAGE, psid: PSID }), { webhookUrl: receiver.origin })).toBe(200);
    expect(fake.deliveries.map((attempt) => attempt.status)).toEqual([500, 200]);
    expect(receiver.received[0]?.rawBody).toBe(receiver.received[1]?.rawBody);

    const down = await startReceiver(() => ({ status: 503 }));
    closers.push(down.close);
    expect(await fake.deliver(messengerDelivered({ pageId: PAGE, psid: PSID, mids: ['m_1'] }), { webhookUrl: down.origin })).toBe(503);
    expect(down.received).toHaveLength(3);
  });

  it('sends several copies at once when asked (a provider racing itself), all the same bytes', async () => {
    fake = await startMessengerFake({ appSecret: APP_SECRET, accessToken: TOKEN });
    const receiver = await startReceiver((_request, index) => ({ status: index === 1 ? 500 : 200 }));
    closers.push(receiver.close);
    const payload = messengerText({ pageId: PAGE, psid: PSID, text: 'twice' });
    expect(await fake.deliver(payload, { webhookUrl: receiver.origin, concurrent: 3, retry: { attempts: 1, delayMs: 0 } })).toBe(500);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((request) => request.rawBody)).size).toBe(1);
  });

  it('serves an inbound attachment at the URL in its payload', async () => {
    fake = await startMessengerFake({ appSecret: APP_SECRET, accessToken: TOKEN });
    const url = fake.addMedia(Buffer.from('GIF89a'), 'image/gif');
    const payload = messengerAttachment({ pageId: PAGE, psid: PSID, type: 'image', url });
    expect(JSON.stringify(payload)).toContain(url);
    const media = await fetch(url);
    expect(media.headers.get('content-type')).toBe('image/gif');
    expect(await media.text()).toBe('GIF89a');
  });

  it("makes Meta's verification request and checks the echoed challenge", async () => {
    fake = await startMessengerFake({ appSecret: APP_SECRET, accessToken: TOKEN });
    const receiver = await startReceiver((request) => {
      const query = new URL(request.url, 'http://x').searchParams;
      return query.get('hub.verify_token') === 'verify-me' ? { status: 200, body: query.get('hub.challenge') ?? '' } : { status: 403 };
    });
    closers.push(receiver.close);
    expect(await fake.handshake(receiver.origin + '/hook', 'verify-me', '1158201444')).toEqual({ status: 200, body: '1158201444' });
    expect((await fake.handshake(receiver.origin + '/hook', 'wrong', '1158201444')).status).toBe(403);
  });
});
