import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver } from '../shared-test-receiver.js';
import { startLineFake, type LineFake } from './fake.js';
import { lineError, lineImage, lineText, lineUserId } from './payloads.js';

const SECRET = 'line-channel-secret';
const TOKEN = 'line-channel-access-token';
const BOT = 'U' + 'b'.repeat(32);
const USER = 'U' + 'a'.repeat(32);

/** An independent check of x-line-signature. */
const signedByLine = (rawBody: string, signature: string | undefined) => signature === createHmac('sha256', SECRET).update(rawBody).digest('base64');

interface LineAnswer {
  message?: string;
  details?: { message: string; property: string }[];
  sentMessages?: { id: string; quoteToken: string }[];
}

let fake: LineFake;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await fake.close();
  for (const close of closers.splice(0)) await close();
});

async function push(body: unknown, retryKey?: string, token = TOKEN) {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  if (retryKey) headers['x-line-retry-key'] = retryKey;
  const response = await fetch(`${fake.apiBaseUrl}/v2/bot/message/push`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as LineAnswer };
}

const text = (value: string, to = USER) => ({ to, messages: [{ type: 'text', text: value }] });

describe('the LINE fake: send API', () => {
  it('accepts a push with the channel access token and answers sentMessages and x-line-request-id', async () => {
    fake = await startLineFake({ channelSecret: SECRET, channelAccessToken: TOKEN });
    const answer = await push(text('สวัสดีค่ะ'));
    expect(answer.status).toBe(200);
    expect(answer.body.sentMessages).toHaveLength(1);
    expect(answer.body.sentMessages?.[0]?.id).toMatch(/^\d{18}$/);
    expect(answer.headers.get('x-line-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.accepted).toMatchObject([{ to: USER, message: { type: 'text', text: 'สวัสดีค่ะ' } }]);
    expect(fake.sent[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(fake.texts()).toEqual([{ to: USER, text: 'สวัสดีค่ะ', id: answer.body.sentMessages?.[0]?.id }]);
  });

  it('answers a repeated retry key with 409, the original request id and the same sentMessages, and sends once', async () => {
    fake = await startLineFake({ channelSecret: SECRET, channelAccessToken: TOKEN });
    const key = '123e4567-e89b-12d3-a456-426614174000';
    const first = await push(text('once'), key);
    const again = await push(text('once'), key);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('The retry key is already accepted');
    expect(again.body.sentMessages).toEqual(first.body.sentMessages);
    expect(again.headers.get('x-line-accepted-request-id')).toBe(first.headers.get('x-line-request-id'));
    expect(again.headers.get('x-line-request-id')).not.toBe(first.headers.get('x-line-request-id'));
    expect(fake.accepted).toHaveLength(1);
    expect((await push(text('once'), 'not-a-uuid')).status).toBe(400);
  });

  it('treats a push whose answer was lost (timeout) as accepted, so the retry gets 409', async () => {
    fake = await startLineFake({ channelSecret: SECRET, channelAccessToken: TOKEN });
    const key = '0f8fad5b-d9cb-469f-a165-70867728950e';
    fake.respondNext({ hang: true });
    await expect(
      fetch(`${fake.apiBaseUrl}/v2/bot/message/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'x-line-retry-key': key },
        body: JSON.stringify(text('lost answer')),
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    const retry = await push(text('lost answer'), key);
    expect(retry.status).toBe(409);
    expect(fake.accepted.map((message) => message.message.text)).toEqual(['lost answer']);
  });

  it("retries after a scripted 500 are sent normally (the 500 was not accepted), and errors carry LINE's shape", async () => {
    fake = await startLineFake({ channelSecret: SECRET, channelAccessToken: TOKEN });
    fake.respondNext(lineError.server(), lineError.monthlyLimit());
    const key = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const failed = await push(text('hi'), key);
    expect(failed.status).toBe(500);
    expect(failed.headers.get('x-line-request-id')).toBeTruthy();
    expect((await push(text('hi'), key)).body).toEqual({ message: 'You have reached your monthly limit.' });
    expect((await push(text('hi'), key)).status).toBe(200);
    const tooLong = await push(text('x'.repeat(5001)));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details).toEqual([{ message: 'Length must be between 0 and 5000', property: 'messages[0].text' }]);
    expect((await push(text('hi', 'someone'))).status).toBe(400);
    expect((await push(text('hi'), undefined, 'wrong')).status).toBe(401);
  });

  it('answers one recipient with a sticky failure when told to', async () => {
    fake = await startLineFake({ channelSecret: SECRET, channelAccessToken: TOKEN });
    const other = lineUserId();
    fake.respondFor(other, lineError.invalidTo());
    expect((await push(text('a', other))).status).toBe(400);
    expect((await push(text('a'))).status).toBe(200);
  });

  it('fetches an outbound image from its URL, and serves inbound content on the data API with the token', async () => {
    fake = await startLineFake({ channelSecret: SECRET, channelAccessToken: TOKEN });
    const relay = await startReceiver();
    closers.push(relay.close);
    const url = relay.serve('/m/photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg');
    const sent = await push({ to: USER, messages: [{ type: 'image', originalContentUrl: url, previewImageUrl: url }] });
    expect(sent.status).toBe(200);
    expect(fake.receivedMedia[0]?.bytes).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    expect((await push({ to: USER, messages: [{ type: 'image', originalContentUrl: 'ftp://x/y.jpg', previewImageUrl: url }] })).status).toBe(400);

    fake.addContent('468789577898262530', Buffer.from('%PDF-1.7'), 'application/pdf');
    const path = `${fake.dataApiBaseUrl}/v2/bot/message/468789577898262530/content`;
    const content = await fetch(path, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(content.headers.get('content-type')).toBe('application/pdf');
    expect(await content.text()).toBe('%PDF-1.7');
    expect((await fetch(path)).status).toBe(401);
  });
});

describe('the LINE fake: webhooks', () => {
  it('signs webhooks so an independent check accepts them, and forged or missing signatures fail it', async () => {
    fake = await startLineFake({ channelSecret: SECRET, channelAccessToken: TOKEN, botUserId: BOT, retry: { attempts: 1, delayMs: 0 } });
    const receiver = await startReceiver((request) => ({ status: signedByLine(request.rawBody, request.headers['x-line-signature']) ? 200 : 401 }));
    closers.push(receiver.close);
    const payload = lineText({ botUserId: BOT, userId: USER, text: 'こんにちは' });
    expect(await fake.deliver(payload, { webhookUrl: receiver.origin })).toBe(200);
    expect(await fake.deliver(payload, { webhookUrl: receiver.origin, signature: 'forged' })).toBe(401);
    expect(await fake.deliver(payload, { webhookUrl: receiver.origin, signature: 'missing' })).toBe(401);
    expect(JSON.parse(receiver.received[0]?.rawBody ?? '{}')).toMatchObject({
      destination: BOT,
      events: [{ type: 'message', source: { type: 'user', userId: USER }, deliveryContext: { isRedelivery: false }, message: { type: 'text', text: 'こんにちは' } }],
    });
  });

  it('redelivers an unacknowledged event with the same webhookEventId, marked isRedelivery and signed afresh', async () => {
    fake = await startLineFake({ channelSecret: SECRET, channelAccessToken: TOKEN, botUserId: BOT, retry: { attempts: 3, delayMs: 5 } });
    const receiver = await startReceiver((request, index) => ({ status: index === 0 ? 500 : signedByLine(request.rawBody, request.headers['x-line-signature']) ? 200 : 401 }));
    closers.push(receiver.close);
    expect(await fake.deliver(lineImage({ botUserId: BOT, userId: USER, id: '1234' }), { webhookUrl: receiver.origin })).toBe(200);
    const [first, second] = receiver.received.map((request) => JSON.parse(request.rawBody) as { events: { webhookEventId: string; deliveryContext: unknown }[] });
    expect(second?.events[0]?.webhookEventId).toBe(first?.events[0]?.webhookEventId);
    expect(first?.events[0]?.deliveryContext).toEqual({ isRedelivery: false });
    expect(second?.events[0]?.deliveryContext).toEqual({ isRedelivery: true });
    expect(fake.deliveries.map((attempt) => attempt.status)).toEqual([500, 200]);
  });

  it('sends nothing again when redelivery is off, as in a new LINE channel', async () => {
    fake = await startLineFake({ channelSecret: SECRET, channelAccessToken: TOKEN, redelivery: false });
    const receiver = await startReceiver(() => ({ status: 503 }));
    closers.push(receiver.close);
    expect(await fake.deliver(lineText({ botUserId: BOT, userId: USER, text: 'x' }), { webhookUrl: receiver.origin })).toBe(503);
    expect(receiver.received).toHaveLength(1);
  });

  it("runs LINE's webhook test API against an endpoint: an empty, signed events list", async () => {
    fake = await startLineFake({ channelSecret: SECRET, channelAccessToken: TOKEN, botUserId: BOT });
    const receiver = await startReceiver((request) => ({ status: signedByLine(request.rawBody, request.headers['x-line-signature']) ? 200 : 401 }));
    closers.push(receiver.close);
    const response = await fetch(`${fake.apiBaseUrl}/v2/bot/channel/webhook/test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: receiver.origin + '/line' }),
    });
    expect(await response.json()).toMatchObject({ success: true, statusCode: 200 });
    expect(JSON.parse(receiver.received[0]?.rawBody ?? '')).toEqual({ destination: BOT, events: [] });
  });
});
