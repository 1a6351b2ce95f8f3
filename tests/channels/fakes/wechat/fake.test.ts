import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Received } from '../shared-test-receiver.js';
import { startWechatFake, type WechatFake } from './fake.js';
import { wechatError, wechatImage, wechatTemplateJobFinished, wechatText } from './payloads.js';
import { wechatDecrypt } from './signing.js';

const APP_ID = 'wx1234567890abcdef';
const APP_SECRET = 'wechat-app-secret';
const TOKEN = 'console-token';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const ACCOUNT = 'gh_0123456789ab';
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';

interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  media_id?: string;
  msgid?: number;
}

/** An independent check of a push's query signature (and msg_signature over Encrypt in safe mode). */
function signedByWechat(request: Received): boolean {
  const query = new URL(request.url, 'http://x').searchParams;
  const sha1 = (parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
  const [timestamp, nonce] = [query.get('timestamp') ?? '', query.get('nonce') ?? ''];
  if (query.get('signature') !== sha1([TOKEN, timestamp, nonce])) return false;
  if (query.get('encrypt_type') !== 'aes') return true;
  const encrypt = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(request.rawBody)?.[1] ?? '';
  return query.get('msg_signature') === sha1([TOKEN, timestamp, nonce, encrypt]);
}

let fake: WechatFake;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await fake.close();
  for (const close of closers.splice(0)) await close();
});

async function call(path: string, init?: RequestInit): Promise<WechatAnswer> {
  return (await (await fetch(fake.apiBaseUrl + path, init)).json()) as WechatAnswer;
}
async function token(): Promise<string> {
  return (await call(`/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=${APP_SECRET}`)).access_token ?? '';
}
const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const text = (content: string) => ({ touser: OPENID, msgtype: 'text', text: { content } });

describe('the WeChat fake: API', () => {
  it('hands out access tokens for the right appid and secret, and sends with one', async () => {
    fake = await startWechatFake({ appId: APP_ID, appSecret: APP_SECRET, token: TOKEN });
    expect((await call(`/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=nope`)).errcode).toBe(40125);
    expect((await call(`/cgi-bin/token?grant_type=client_credential&appid=wxother&secret=${APP_SECRET}`)).errcode).toBe(40013);
    const stable = await call('/cgi-bin/stable_token', post({ grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET }));
    expect(stable.access_token).toBeTruthy();
    const accessToken = await token();
    expect(await call(`/cgi-bin/message/custom/send?access_token=${accessToken}`, post(text('您好')))).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(fake.sent.at(-1)).toMatchObject({ query: { access_token: accessToken }, body: text('您好') });
    await call('/cgi-bin/message/custom/send?access_token=stale', post(text('refused')));
    expect(fake.texts()).toEqual([{ to: OPENID, text: '您好' }]);
    expect((await call(`/cgi-bin/get_api_domain_ip?access_token=${accessToken}`)) as unknown).toMatchObject({ ip_list: expect.any(Array) });
    expect((await call('/cgi-bin/get_api_domain_ip?access_token=stale')).errcode).toBe(40001);
  });

  it('answers 40001 for an unknown token and 42001 once it expired, as HTTP 200 with errcode', async () => {
    fake = await startWechatFake({ appId: APP_ID, appSecret: APP_SECRET, token: TOKEN });
    const response = await fetch(`${fake.apiBaseUrl}/cgi-bin/message/custom/send?access_token=forged`, post(text('x')));
    expect(response.status).toBe(200);
    expect(((await response.json()) as WechatAnswer).errcode).toBe(40001);
    const accessToken = await token();
    fake.expireTokens();
    expect((await call(`/cgi-bin/message/custom/send?access_token=${accessToken}`, post(text('x')))).errcode).toBe(42001);
  });

  it('enforces the 48-hour window (45015) and 5 replies per customer message (45047) when asked to', async () => {
    fake = await startWechatFake({ appId: APP_ID, appSecret: APP_SECRET, token: TOKEN, enforceWindow: true });
    const send = async () => (await call(`/cgi-bin/message/custom/send?access_token=${await token()}`, post(text('x')))).errcode;
    expect(await send()).toBe(45015);
    fake.customerWrote(OPENID, Date.now() - 49 * 3600_000);
    expect(await send()).toBe(45015);
    const receiver = await startReceiver(() => ({ status: 200, body: 'success' }));
    closers.push(receiver.close);
    await fake.deliver(wechatText({ account: ACCOUNT, openId: OPENID, content: '在吗' }), { webhookUrl: receiver.origin + '/wechat' });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await send());
    expect(answers).toEqual([0, 0, 0, 0, 0, 45047]);
  });

  it('takes an upload and sends it by media_id; scripted and per-recipient errors come back as errcode', async () => {
    fake = await startWechatFake({ appId: APP_ID, appSecret: APP_SECRET, token: TOKEN });
    const accessToken = await token();
    const form = new FormData();
    form.append('media', new Blob([Buffer.from('JPEGDATA')], { type: 'image/jpeg' }), 'photo.jpg');
    const uploaded = await call(`/cgi-bin/media/upload?access_token=${accessToken}&type=image`, { method: 'POST', body: form });
    expect(uploaded.media_id).toBeTruthy();
    expect(fake.uploads.get(uploaded.media_id ?? '')?.bytes.toString()).toBe('JPEGDATA');
    const image = { touser: OPENID, msgtype: 'image', image: { media_id: uploaded.media_id } };
    expect((await call(`/cgi-bin/message/custom/send?access_token=${accessToken}`, post(image))).errcode).toBe(0);
    expect((await call(`/cgi-bin/message/custom/send?access_token=${accessToken}`, post({ ...image, image: { media_id: 'nope' } }))).errcode).toBe(40007);
    fake.respondNext(wechatError(-1));
    expect((await call(`/cgi-bin/message/custom/send?access_token=${accessToken}`, post(text('x')))).errcode).toBe(-1);
    fake.respondFor('oBlocked', wechatError(43004));
    expect((await call(`/cgi-bin/message/custom/send?access_token=${accessToken}`, post({ ...text('x'), touser: 'oBlocked' }))).errcode).toBe(43004);
    const template = await call(`/cgi-bin/message/template/send?access_token=${accessToken}`, post({ touser: OPENID, template_id: 'T1', data: {} }));
    expect(template).toMatchObject({ errcode: 0, msgid: expect.any(Number) });
  });

  it('serves inbound media through /cgi-bin/media/get with a valid token', async () => {
    fake = await startWechatFake({ appId: APP_ID, appSecret: APP_SECRET, token: TOKEN });
    const mediaId = fake.addMedia(Buffer.from('PNG!'), 'image/png', 'receipt.png');
    const response = await fetch(`${fake.apiBaseUrl}/cgi-bin/media/get?access_token=${await token()}&media_id=${mediaId}`);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="receipt.png"');
    expect(await response.text()).toBe('PNG!');
    expect((await call(`/cgi-bin/media/get?access_token=bad&media_id=${mediaId}`)).errcode).toBe(40001);
  });
});

describe('the WeChat fake: pushes', () => {
  it('signs plaintext pushes in the query so an independent check accepts them; forged and missing fail it', async () => {
    fake = await startWechatFake({ appId: APP_ID, appSecret: APP_SECRET, token: TOKEN });
    const receiver = await startReceiver(() => ({ status: 200, body: 'success' }));
    closers.push(receiver.close);
    const xml = wechatText({ account: ACCOUNT, openId: OPENID, content: '你好，我的订单呢？', msgId: '6054768590064713728' });
    await fake.deliver(xml, { webhookUrl: receiver.origin + '/wechat?account=acme' });
    await fake.deliver(xml, { webhookUrl: receiver.origin + '/wechat?account=acme', signature: 'forged' });
    await fake.deliver(xml, { webhookUrl: receiver.origin + '/wechat?account=acme', signature: 'missing' });
    expect(receiver.received.map(signedByWechat)).toEqual([true, false, false]);
    const [first] = receiver.received;
    expect(first?.rawBody).toBe(xml);
    expect(first?.rawBody).toContain('<MsgId>6054768590064713728</MsgId>');
    expect(new URL(first?.url ?? '', 'http://x').searchParams.get('openid')).toBe(OPENID);
    expect(new URL(first?.url ?? '', 'http://x').searchParams.get('account')).toBe('acme');
  });

  it('encrypts in safe mode: only ToUserName and Encrypt, msg_signature over Encrypt, decrypting to the message', async () => {
    fake = await startWechatFake({ appId: APP_ID, appSecret: APP_SECRET, token: TOKEN, mode: 'safe', encodingAesKey: AES_KEY });
    const receiver = await startReceiver(() => ({ status: 200, body: 'success' }));
    closers.push(receiver.close);
    const xml = wechatImage({ account: ACCOUNT, openId: OPENID, picUrl: 'http://mmbiz.qpic.cn/x', mediaId: 'M1' });
    await fake.deliver(xml, { webhookUrl: receiver.origin + '/wechat' });
    const [request] = receiver.received;
    expect(request && signedByWechat(request)).toBe(true);
    expect(request?.rawBody).not.toContain('PicUrl');
    const encrypt = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(request?.rawBody ?? '')?.[1] ?? '';
    expect(wechatDecrypt(AES_KEY, encrypt)).toEqual({ message: xml, appId: APP_ID });
  });

  it('sends the same push again when no answer comes within the wait, three tries in all', async () => {
    fake = await startWechatFake({ appId: APP_ID, appSecret: APP_SECRET, token: TOKEN, answerWithinMs: 100, retry: { attempts: 3, delayMs: 5 } });
    const receiver = await startReceiver((_request, index) => (index < 2 ? 'hang' : { status: 200, body: 'success' }));
    closers.push(receiver.close);
    const xml = wechatTemplateJobFinished({ account: ACCOUNT, openId: OPENID, msgId: '200163836', status: 'success' });
    expect(await fake.deliver(xml, { webhookUrl: receiver.origin + '/wechat' })).toBe(200);
    expect(fake.deliveries.map((attempt) => attempt.status)).toEqual([0, 0, 200]);
    expect(new Set(receiver.received.map((request) => request.url + request.rawBody)).size).toBe(1);
    expect(fake.deliveries[2]?.responseBody).toBe('success');
  });

  it("makes the server-URL check and sees whether echostr came back", async () => {
    fake = await startWechatFake({ appId: APP_ID, appSecret: APP_SECRET, token: TOKEN });
    const receiver = await startReceiver((request) =>
      signedByWechat(request) ? { status: 200, body: new URL(request.url, 'http://x').searchParams.get('echostr') ?? '' } : { status: 403 },
    );
    closers.push(receiver.close);
    const ok = await fake.handshake(receiver.origin + '/wechat');
    expect(ok.status).toBe(200);
    expect(ok.body).toBe(ok.echostr);
    expect(await fake.handshake(receiver.origin + '/wechat', { signature: 'forged' })).toMatchObject({ status: 403, body: '' });
  });
});
