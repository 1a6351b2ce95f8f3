import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { parseForm } from '../shared-provider-api.js';
import { startReceiver, type Received } from '../shared-test-receiver.js';
import { startSmsFake, type SmsFake } from './fake.js';
import { smsIncoming, twilioError } from './payloads.js';
import { smsSegments } from './segments.js';

const ACCOUNT = 'AC' + '0'.repeat(31) + '1';
const TOKEN = 'twilio-auth-token';
const COMPANY = '+15005550006';
const CUSTOMER = '+5511987654321';

interface TwilioAnswer {
  sid?: string;
  status: string | number;
  num_segments?: string;
  code?: number;
  message?: string;
}

/** twilio-node's own check, over the URL the receiver was called at and the form it got. */
const signedByTwilio = (origin: string) => (request: Received) =>
  twilio.validateRequest(TOKEN, request.headers['x-twilio-signature'] ?? '', origin + request.url, parseForm(request.rawBody));

let fake: SmsFake;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await fake.close();
  for (const close of closers.splice(0)) await close();
});

async function create(form: Record<string, string | string[]>, auth = `${ACCOUNT}:${TOKEN}`, account = ACCOUNT) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const one of [value].flat()) body.append(name, one);
  const response = await fetch(`${fake.apiBaseUrl}/2010-04-01/Accounts/${account}/Messages.json`, {
    method: 'POST',
    headers: { authorization: 'Basic ' + Buffer.from(auth).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: response.status, body: (await response.json()) as TwilioAnswer };
}

describe('the SMS (Twilio) fake: Messages API', () => {
  it('creates a message with Basic auth and answers 201 with the queued resource and its segments', async () => {
    fake = await startSmsFake({ accountSid: ACCOUNT, authToken: TOKEN });
    const answer = await create({ To: CUSTOMER, From: COMPANY, Body: 'Olá! Seu pedido saiu para entrega.' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'queued', num_segments: '1', sid: expect.stringMatching(/^SM[0-9a-f]{32}$/) });
    expect(fake.sent[0]?.body).toEqual({ To: CUSTOMER, From: COMPANY, Body: 'Olá! Seu pedido saiu para entrega.' });
    expect(fake.texts()).toEqual([{ to: CUSTOMER, text: 'Olá! Seu pedido saiu para entrega.', id: answer.body.sid }]);
    expect((await create({ To: CUSTOMER, From: COMPANY, Body: 'Привет '.repeat(12) })).body.num_segments).toBe('2');
    expect((await create({ To: CUSTOMER, MessagingServiceSid: 'MG' + '1'.repeat(32), Body: 'x' })).body.status).toBe('accepted');
  });

  it("answers Twilio's errors: bad credentials, invalid number, missing body, too long, unsubscribed", async () => {
    fake = await startSmsFake({ accountSid: ACCOUNT, authToken: TOKEN });
    expect(await create({ To: CUSTOMER, From: COMPANY, Body: 'x' }, `${ACCOUNT}:wrong`)).toMatchObject({ status: 401, body: { code: 20003 } });
    expect((await create({ To: '12345', From: COMPANY, Body: 'x' })).body).toMatchObject({ code: 21211, status: 400 });
    expect((await create({ To: CUSTOMER, From: COMPANY })).body.code).toBe(21602);
    expect((await create({ To: CUSTOMER, From: COMPANY, Body: 'x'.repeat(1601) })).body.code).toBe(21617);
    fake.respondFor(CUSTOMER, twilioError(21610));
    expect((await create({ To: CUSTOMER, From: COMPANY, Body: 'x' })).body).toMatchObject({ code: 21610, more_info: 'https://www.twilio.com/docs/errors/21610' });
  });

  it('opts a sender out when they text STOP, and back in with START', async () => {
    fake = await startSmsFake({ accountSid: ACCOUNT, authToken: TOKEN });
    const receiver = await startReceiver();
    closers.push(receiver.close);
    await fake.deliver(smsIncoming({ accountSid: ACCOUNT, from: CUSTOMER, to: COMPANY, body: 'Stop' }), { webhookUrl: receiver.origin + '/sms' });
    expect((await create({ To: CUSTOMER, From: COMPANY, Body: 'x' })).body.code).toBe(21610);
    await fake.deliver(smsIncoming({ accountSid: ACCOUNT, from: CUSTOMER, to: COMPANY, body: 'START' }), { webhookUrl: receiver.origin + '/sms' });
    expect((await create({ To: CUSTOMER, From: COMPANY, Body: 'x' })).status).toBe(201);
  });

  it('accepts an API key in place of the auth token, and fetches MediaUrl as Twilio does', async () => {
    fake = await startSmsFake({ accountSid: ACCOUNT, authToken: TOKEN, apiKey: { sid: 'SK' + '2'.repeat(32), secret: 'key-secret' } });
    const relay = await startReceiver();
    closers.push(relay.close);
    const url = relay.serve('/m/map.png', Buffer.from('PNGDATA'), 'image/png');
    const answer = await create({ To: CUSTOMER, From: COMPANY, MediaUrl: [url] }, `SK${'2'.repeat(32)}:key-secret`);
    expect(answer.body.sid).toMatch(/^MM/);
    expect(fake.receivedMedia[0]?.bytes.toString()).toBe('PNGDATA');
    expect((await create({ To: CUSTOMER, From: COMPANY, MediaUrl: 'http://127.0.0.1:1/gone.png' })).body.code).toBe(21620);
  });
});

describe('the SMS (Twilio) fake: webhooks and status callbacks', () => {
  it('signs an inbound MMS so twilio-node validates it, and serves its media (with Basic auth when required)', async () => {
    fake = await startSmsFake({ accountSid: ACCOUNT, authToken: TOKEN, mediaAuth: true });
    const receiver = await startReceiver();
    closers.push(receiver.close);
    const url = fake.addMedia(Buffer.from('JFIF'), 'image/jpeg');
    const form = smsIncoming({ accountSid: ACCOUNT, from: CUSTOMER, to: COMPANY, body: 'Foto do recibo', media: [{ url, contentType: 'image/jpeg' }] });
    expect(await fake.deliver(form, { webhookUrl: receiver.origin + '/channels/sms?tenant=acme' })).toBe(200);
    const [request] = receiver.received;
    expect(request && signedByTwilio(receiver.origin)(request)).toBe(true);
    expect(parseForm(request?.rawBody ?? '')).toMatchObject({ NumMedia: '1', MediaUrl0: url, MediaContentType0: 'image/jpeg', Body: 'Foto do recibo' });
    expect((await fetch(url)).status).toBe(401);
    const media = await fetch(url, { headers: { authorization: 'Basic ' + Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64') } });
    expect(await media.text()).toBe('JFIF');
  });

  it('sends forged and missing signatures that twilio-node refuses', async () => {
    fake = await startSmsFake({ accountSid: ACCOUNT, authToken: TOKEN });
    const receiver = await startReceiver();
    closers.push(receiver.close);
    const form = smsIncoming({ accountSid: ACCOUNT, from: CUSTOMER, to: COMPANY, body: 'hi' });
    await fake.deliver(form, { webhookUrl: receiver.origin + '/sms', signature: 'forged' });
    await fake.deliver(form, { webhookUrl: receiver.origin + '/sms', signature: 'missing' });
    expect(receiver.received.map(signedByTwilio(receiver.origin))).toEqual([false, false]);
  });

  it('posts signed status callbacks to the StatusCallback URL of the message, with ErrorCode on failure', async () => {
    fake = await startSmsFake({ accountSid: ACCOUNT, authToken: TOKEN });
    const receiver = await startReceiver();
    closers.push(receiver.close);
    const sent = await create({ To: CUSTOMER, From: COMPANY, Body: 'x', StatusCallback: receiver.origin + '/sms/status' });
    const sid = sent.body.sid ?? '';
    expect(await fake.statusCallback(sid, 'sent')).toBe(200);
    expect(await fake.statusCallback(sid, 'undelivered', { errorCode: 30003 })).toBe(200);
    expect(receiver.received.every(signedByTwilio(receiver.origin))).toBe(true);
    const [first, second] = receiver.received.map((request) => parseForm(request.rawBody));
    expect(first).toMatchObject({ MessageSid: sid, MessageStatus: 'sent', To: CUSTOMER, From: COMPANY });
    expect(first?.ErrorCode).toBeUndefined();
    expect(second).toMatchObject({ MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30003' });
    const fetched = await fetch(`${fake.apiBaseUrl}/2010-04-01/Accounts/${ACCOUNT}/Messages/${sid}.json`, {
      headers: { authorization: 'Basic ' + Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64') },
    });
    expect(((await fetched.json()) as TwilioAnswer).status).toBe('undelivered');
  });

  it("signs the relay's public URL as given and reaches it on loopback, for webhooks and StatusCallback alike", async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    const publicOrigin = 'https://relay.acme.test';
    fake = await startSmsFake({ accountSid: ACCOUNT, authToken: TOKEN, reach: (url) => url.replace(publicOrigin, receiver.origin) });
    const form = smsIncoming({ accountSid: ACCOUNT, from: CUSTOMER, to: COMPANY, body: 'hi' });
    expect(await fake.deliver(form, { webhookUrl: publicOrigin + '/channels/sms/acme' })).toBe(200);
    const sent = await create({ To: CUSTOMER, From: COMPANY, Body: 'x', StatusCallback: publicOrigin + '/channels/sms/acme/status' });
    expect(await fake.statusCallback(sent.body.sid ?? '', 'delivered')).toBe(200);
    expect(receiver.received.map((request) => request.url)).toEqual(['/channels/sms/acme', '/channels/sms/acme/status']);
    expect(receiver.received.every(signedByTwilio(publicOrigin))).toBe(true);
    expect(receiver.received.some(signedByTwilio(receiver.origin))).toBe(false);
    expect(fake.deliveries.map((attempt) => attempt.url)).toEqual([publicOrigin + '/channels/sms/acme', publicOrigin + '/channels/sms/acme/status']);
  });

  it("retries only a failed connection by default (Twilio's rc=1, rp=ct), and HTTP errors too with rp=all", async () => {
    fake = await startSmsFake({ accountSid: ACCOUNT, authToken: TOKEN, retry: { attempts: 2, delayMs: 5 } });
    const failing = await startReceiver(() => ({ status: 500 }));
    closers.push(failing.close);
    const form = smsIncoming({ accountSid: ACCOUNT, from: CUSTOMER, to: COMPANY, body: 'hi' });
    expect(await fake.deliver(form, { webhookUrl: failing.origin + '/sms' })).toBe(500);
    expect(failing.received).toHaveLength(1);
    expect(await fake.deliver(form, { webhookUrl: 'http://127.0.0.1:1/sms' })).toBe(0);
    expect(fake.deliveries.slice(1).map((attempt) => attempt.status)).toEqual([0, 0]);
    await fake.close();

    fake = await startSmsFake({ accountSid: ACCOUNT, authToken: TOKEN, retry: { attempts: 3, delayMs: 5 }, retryPolicy: 'all' });
    const flaky = await startReceiver((_request, index) => ({ status: index < 2 ? 502 : 200 }));
    closers.push(flaky.close);
    expect(await fake.deliver(form, { webhookUrl: flaky.origin + '/sms' })).toBe(200);
    const tokens = new Set(flaky.received.map((request) => request.headers['i-twilio-idempotency-token']));
    expect(flaky.received).toHaveLength(3);
    expect(tokens.size).toBe(1);
  });
});

describe('SMS segments', () => {
  it('counts GSM-7 (extension characters twice) and UCS-2 bodies as carriers do', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('€'.repeat(80))).toBe(1);
    expect(smsSegments('€'.repeat(81))).toBe(2);
    expect(smsSegments('é'.repeat(160))).toBe(1);
    expect(smsSegments('ç'.repeat(70))).toBe(1);
    expect(smsSegments('ç'.repeat(71))).toBe(2);
    expect(smsSegments('你'.repeat(135))).toBe(3);
  });
});
