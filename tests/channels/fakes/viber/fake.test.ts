import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Received } from '../shared-test-receiver.js';
import { startViberFake, type ViberFake } from './fake.js';
import { viberError, viberMessage, viberPicture, viberTextMessage } from './payloads.js';

const AUTH_TOKEN = '445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9';
const USER = 'DwRc8a5D0xcVLxpzqG8SKA==';

/** An independent check of X-Viber-Content-Signature. */
const signedByViber = (request: Received) =>
  request.headers['x-viber-content-signature'] === createHmac('sha256', AUTH_TOKEN).update(request.rawBody).digest('hex');

let fake: ViberFake;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await fake.close();
  for (const close of closers.splice(0)) await close();
});

async function call(path: string, body: unknown, token: string | null = AUTH_TOKEN) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers['x-viber-auth-token'] = token;
  const response = await fetch(fake.apiBaseUrl + path, { method: 'POST', headers, body: JSON.stringify(body) });
  return { http: response.status, raw: await response.text() };
}
const status = (raw: string) => (JSON.parse(raw) as { status: number; status_message: string });
const text = (value: string, receiver = USER) => ({ receiver, type: 'text', sender: { name: 'Acme Support' }, text: value, min_api_version: 1 });

async function withWebhook(decide?: (request: Received, index: number) => { status: number }) {
  const receiver = await startReceiver(decide ?? ((request) => ({ status: signedByViber(request) ? 200 : 403 })));
  closers.push(receiver.close);
  return receiver;
}

describe('the Viber fake: API', () => {
  it('sets a webhook after checking it with a signed "webhook" callback, then sends', async () => {
    fake = await startViberFake({ authToken: AUTH_TOKEN });
    expect(status((await call('/pa/send_message', text('Привіт'))).raw)).toMatchObject({ status: 10, status_message: 'webhookNotSet' });
    const receiver = await withWebhook();
    const set = await call('/pa/set_webhook', { url: receiver.origin + '/viber', event_types: ['delivered', 'seen', 'failed'] });
    expect(status(set.raw)).toMatchObject({ status: 0, status_message: 'ok' });
    expect(JSON.parse(receiver.received[0]?.rawBody ?? '')).toMatchObject({ event: 'webhook' });
    expect(fake.webhookUrl).toBe(receiver.origin + '/viber');
    const sent = await call('/pa/send_message', text('Привіт'));
    expect(sent.http).toBe(200);
    expect(status(sent.raw)).toMatchObject({ status: 0, status_message: 'ok' });
    // message_token is a bare 64-bit integer, as Viber writes it.
    const token = /"message_token":(\d+)/.exec(sent.raw)?.[1];
    expect(token).toMatch(/^\d{19}$/);
    expect(fake.accepted).toMatchObject([{ receiver: USER, messageToken: token }]);
    expect(fake.texts()).toEqual([{ to: USER, text: 'Привіт', id: token }]);
  });

  it('answers its error statuses over HTTP 200: missing or wrong token, not subscribed, bad data', async () => {
    const receiver = await withWebhook();
    fake = await startViberFake({ authToken: AUTH_TOKEN, webhookUrl: receiver.origin });
    expect(status((await call('/pa/send_message', text('x'), null)).raw)).toMatchObject({ status: 2, status_message: 'missing_auth_token' });
    expect(status((await call('/pa/send_message', text('x'), 'wrong')).raw)).toMatchObject({ status: 2, status_message: 'invalidAuthToken' });
    fake.respondFor(USER, viberError(6));
    expect(status((await call('/pa/send_message', text('x'))).raw)).toEqual({ status: 6, status_message: 'receiverNotSubscribed' });
    expect(status((await call('/pa/send_message', { ...text('x', 'other'), sender: {} })).raw).status).toBe(3);
    expect(status((await call('/pa/send_message', text('x'.repeat(7001), 'other'))).raw).status).toBe(3);
    fake.respondNext(viberError(12));
    expect(status((await call('/pa/send_message', text('x', 'other'))).raw).status_message).toBe('tooManyRequests');
  });

  it('downloads an outbound picture from its URL', async () => {
    const receiver = await withWebhook();
    fake = await startViberFake({ authToken: AUTH_TOKEN, webhookUrl: receiver.origin });
    const url = receiver.serve('/m/p.jpg', Buffer.from('JPEG'), 'image/jpeg');
    const sent = await call('/pa/send_message', { receiver: USER, type: 'picture', sender: { name: 'Acme' }, text: '', media: url });
    expect(status(sent.raw).status).toBe(0);
    expect(fake.receivedMedia[0]?.bytes.toString()).toBe('JPEG');
  });
});

describe('the Viber fake: callbacks', () => {
  it('signs a message callback so an independent check accepts it, with message_token bare', async () => {
    fake = await startViberFake({ authToken: AUTH_TOKEN });
    const receiver = await withWebhook();
    const token = '5741311803571721087';
    expect(await fake.deliver(viberMessage({ id: USER, name: 'Олена' }, viberTextMessage('Добрий день'), token), { webhookUrl: receiver.origin })).toBe(200);
    const raw = receiver.received[0]?.rawBody ?? '';
    expect(raw).toContain(`"message_token":${token}`);
    expect(JSON.parse(raw)).toMatchObject({ event: 'message', sender: { id: USER, name: 'Олена' }, message: { type: 'text', text: 'Добрий день' } });
    expect(await fake.deliver(viberMessage({ id: USER, name: 'x' }, viberTextMessage('x')), { webhookUrl: receiver.origin, signature: 'forged', retry: { attempts: 1, delayMs: 0 } })).toBe(403);
    expect(await fake.deliver(viberMessage({ id: USER, name: 'x' }, viberTextMessage('x')), { webhookUrl: receiver.origin, signature: 'missing', retry: { attempts: 1, delayMs: 0 } })).toBe(403);
  });

  it('sends delivered, seen and failed callbacks for a sent message to the registered webhook', async () => {
    const receiver = await withWebhook();
    fake = await startViberFake({ authToken: AUTH_TOKEN, webhookUrl: receiver.origin + '/viber' });
    const token = /"message_token":(\d+)/.exec((await call('/pa/send_message', text('x'))).raw)?.[1] ?? '';
    await fake.statusCallback(token, 'delivered');
    await fake.statusCallback(token, 'seen');
    await fake.statusCallback(token, 'failed', { desc: 'user device is offline' });
    expect(receiver.received.every(signedByViber)).toBe(true);
    expect(receiver.received.map((request) => /"event":"(\w+)".*"message_token":(\d+)/.exec(request.rawBody)?.slice(1))).toEqual([
      ['delivered', token],
      ['seen', token],
      ['failed', token],
    ]);
    expect(JSON.parse(receiver.received[2]?.rawBody ?? '')).toMatchObject({ user_id: USER, desc: 'user device is offline' });
  });

  it('retries until it gets 200, and serves inbound media', async () => {
    fake = await startViberFake({ authToken: AUTH_TOKEN, retry: { attempts: 4, delayMs: 5 } });
    const receiver = await withWebhook((_request, index) => ({ status: index < 2 ? 503 : 200 }));
    const url = fake.addMedia(Buffer.from('%PDF'), 'application/pdf');
    expect(await fake.deliver(viberMessage({ id: USER, name: 'x' }, viberPicture(url)), { webhookUrl: receiver.origin })).toBe(200);
    expect(fake.deliveries.map((attempt) => attempt.status)).toEqual([503, 503, 200]);
    expect(await (await fetch(url)).text()).toBe('%PDF');
  });
});
