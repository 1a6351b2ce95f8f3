import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver } from '../shared-test-receiver.js';
import { startInstagramFake, type InstagramFake } from './fake.js';
import { instagramAttachment, instagramError, instagramRead, instagramText } from './payloads.js';

const APP_SECRET = 'ig-app-secret';
const TOKEN = 'IGAA-token';
const IG = '17841400000000001';
const IGSID = '6543210987654321';

/** A Send API answer: success fields or Graph's error object. */
interface GraphAnswer {
  recipient_id?: string;
  message_id?: string;
  error: { code: number; error_subcode?: number; message: string; type: string };
}

let fake: InstagramFake;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await fake.close();
  for (const close of closers.splice(0)) await close();
});

async function send(body: unknown, path = `/v21.0/${IG}/messages`) {
  const response = await fetch(fake.apiBaseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphAnswer };
}

const reply = (text: string, extra: Record<string, unknown> = {}) => ({ recipient: { id: IGSID }, messaging_type: 'RESPONSE', message: { text }, ...extra });

describe('the Instagram fake', () => {
  it('takes a send at /{ig-id}/messages with a Bearer token and answers with a message id', async () => {
    fake = await startInstagramFake({ appSecret: APP_SECRET, accessToken: TOKEN });
    const answer = await send(reply('Oi!'));
    expect(answer).toMatchObject({ status: 200, body: { recipient_id: IGSID } });
    expect(fake.sent[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("limits a text to 1000 bytes of UTF-8, so 400 Japanese characters are too long", async () => {
    fake = await startInstagramFake({ appSecret: APP_SECRET, accessToken: TOKEN });
    expect((await send(reply('a'.repeat(1000)))).status).toBe(200);
    expect((await send(reply('日'.repeat(400)))).body.error.code).toBe(100);
  });

  it("refuses outside the window with Instagram's subcode, and allows HUMAN_AGENT for 7 days", async () => {
    fake = await startInstagramFake({ appSecret: APP_SECRET, accessToken: TOKEN, enforceWindow: true });
    fake.customerWrote(IGSID, Date.now() - 30 * 3600_000);
    expect((await send(reply('late'))).body.error).toMatchObject({ code: 10, error_subcode: 2534022 });
    expect((await send(reply('late', { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }))).status).toBe(200);
    expect((await send(reply('late', { messaging_type: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE' }))).status).toBe(400);
    fake.respondNext(instagramError.userUnavailable());
    expect((await send(reply('x', { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }))).body.error.code).toBe(551);
  });

  it('delivers instagram webhooks signed with the app secret: a text, an image the fake serves, a read', async () => {
    fake = await startInstagramFake({ appSecret: APP_SECRET, accessToken: TOKEN });
    const receiver = await startReceiver((request) => {
      const expected = 'sha256=' + createHmac('sha256', APP_SECRET).update(request.rawBody).digest('hex');
      return { status: request.headers['x-hub-signature-256'] === expected ? 200 : 403 };
    });
    closers.push(receiver.close);
    const url = fake.addMedia(Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg');
    const webhookUrl = receiver.origin + '/ig';
    expect(await fake.deliver(instagramText({ igId: IG, igsid: IGSID, text: 'Merhaba' }), { webhookUrl })).toBe(200);
    expect(await fake.deliver(instagramAttachment({ igId: IG, igsid: IGSID, type: 'image', url }), { webhookUrl })).toBe(200);
    expect(await fake.deliver(instagramRead({ igId: IG, igsid: IGSID, mid: 'aWdfZAG1abc' }), { webhookUrl })).toBe(200);
    expect(await fake.deliver(instagramRead({ igId: IG, igsid: IGSID, mid: 'x' }), { webhookUrl, signature: 'forged', retry: { attempts: 1, delayMs: 0 } })).toBe(403);
    const [text, image, read] = receiver.received.map((request) => JSON.parse(request.rawBody) as unknown);
    expect(text).toMatchObject({ object: 'instagram', entry: [{ id: IG, messaging: [{ sender: { id: IGSID }, message: { text: 'Merhaba' } }] }] });
    expect(image).toMatchObject({ entry: [{ messaging: [{ message: { attachments: [{ type: 'image', payload: { url } }] } }] }] });
    expect(read).toMatchObject({ entry: [{ messaging: [{ read: { mid: 'aWdfZAG1abc' } }] }] });
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });
});
