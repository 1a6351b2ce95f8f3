import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wechatAdapter } from '../../src-relay/channels/wechat/wechat-adapter.js';
import { deliveriesOf, firstConversationOn, messagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { startWechatFake, type WechatFake } from './fakes/wechat/fake.js';
import { wechatError, wechatMsgId, wechatTemplateJobFinished, wechatText } from './fakes/wechat/payloads.js';

const CREDENTIALS = { appId: 'wx1234567890abcdef', appSecret: 'wechat-app-secret-0123', token: 'consoleToken2024' };
const ACCOUNT = 'gh_0123456789ab';
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
const HOUR = 3_600_000;
const once = { attempts: 1, delayMs: 0 };
const SEND_PATH = '/cgi-bin/message/custom/send';

/** WeChat end to end: the fake Official Account platform (plaintext mode, enforcing its window and reply count), a relay with Acme's account routed to team A, and Ann's desk. */
describe('WeChat, end to end against the fake Official Account platform', () => {
  let fake: WechatFake;
  let scene: ChannelRelay;
  let ann: TestDesk;

  beforeEach(async () => {
    fake = await startWechatFake({ ...CREDENTIALS, enforceWindow: true });
    scene = await startChannelRelay('wechat', CREDENTIALS, fake.apiBaseUrl);
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  const hook = () => ({ webhookUrl: scene.webhookUrl });
  const text = (content: string, over: { msgId?: string; createTime?: number } = {}) => wechatText({ account: ACCOUNT, openId: OPENID, content, ...over });

  async function customerWrites(content: string, over: { msgId?: string; createTime?: number } = {}) {
    expect(await fake.deliver(text(content, over), hook())).toBe(200);
    expect(fake.deliveries.at(-1)?.responseBody).toBe('success');
    const conversation = await ann.until('the WeChat conversation at Ann', (events) => firstConversationOn(events, 'wechat'));
    await ann.until(`"${content}" at Ann`, (events) => messagesOf(events, conversation.id).some((m) => m.body === content));
    return conversation;
  }

  const annReplies = (conversationId: string, messageId: string, body: string) =>
    ann.push({ kind: 'reply.send', conversationId, messageId, body, basis: { assigneeId: 'ann', status: 'open' } });
  const settled = (messageId: string) => ann.until(`${messageId} sent or failed`, (events) => deliveriesOf(events, messageId).find((d) => d.state === 'sent' || d.state === 'failed'));
  const sends = () => fake.sent.filter((request) => request.path === SEND_PATH);

  it("puts a follower's message in a WeChat conversation of the account's team, answering WeChat \"success\"", async () => {
    const conversation = await customerWrites('你好，我的订单什么时候发货？');
    expect(conversation).toMatchObject({ channel: 'wechat', teamId: 'team-a', assigneeId: 'ann', customerName: 'WeChat user …jWeS6o' });
    // A template's delivery report (the one status push WeChat has) is acknowledged and stored nowhere.
    expect(await fake.deliver(wechatTemplateJobFinished({ account: ACCOUNT, openId: OPENID, msgId: '200163836', status: 'success' }), hook())).toBe(200);
    await customerWrites('还在吗？');
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['你好，我的订单什么时候发货？', '还在吗？']);
  });

  it('stores a redelivered push once (by its 64-bit MsgId), and once when two deliveries race', async () => {
    const msgId = '9223372036854775809'; // past 2^63: as a JavaScript number it would be ...808
    const conversation = await customerWrites('Once only', { msgId });
    expect(await fake.redeliver(text('Once only', { msgId }), hook())).toBe(200);
    expect(await fake.deliver(text('Neighbour', { msgId: '9223372036854775808' }), hook())).toBe(200);
    const racing = text('Raced', { msgId: wechatMsgId() });
    expect(await Promise.all([fake.redeliver(racing, hook()), fake.redeliver(racing, hook())])).toEqual([200, 200]);
    await customerWrites('Last');
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['Once only', 'Neighbour', 'Raced', 'Last']);
  });

  it('refuses a forged or missing signature with 403 and writes nothing; answers the server-URL check with echostr', async () => {
    await customerWrites('Before');
    const heard = ann.events.length;
    expect(await fake.deliver(text('Forged'), { ...hook(), signature: 'forged', retry: once })).toBe(403);
    expect(await fake.deliver(text('Unsigned'), { ...hook(), signature: 'missing', retry: once })).toBe(403);
    await customerWrites('After');
    expect(ann.events.slice(heard).flatMap((e) => (e.data.type === 'message.created' ? [e.data.message.body] : []))).toEqual(['After']);
    const check = await fake.handshake(scene.webhookUrl);
    expect(check).toMatchObject({ status: 200, body: check.echostr });
    expect((await fake.handshake(scene.webhookUrl, { signature: 'forged' })).status).toBe(403);
  });

  it('sends the reply as a customer-service text with a stable access token, kept for the next; WeChat reports no delivery for these', async () => {
    const conversation = await customerWrites('发票在哪里？');
    expect(await annReplies(conversation.id, 'ann-1', '我们今天寄出。')).toEqual([]);
    expect(await annReplies(conversation.id, 'ann-2', '请查收邮件。')).toEqual([]);
    await settled('ann-2');
    const [tokenRequest, ...rest] = fake.sent;
    expect(tokenRequest).toMatchObject({ method: 'POST', path: '/cgi-bin/stable_token', body: { grant_type: 'client_credential', appid: CREDENTIALS.appId, secret: CREDENTIALS.appSecret, force_refresh: false } });
    expect(rest.map((request) => request.path)).toEqual([SEND_PATH, SEND_PATH]);
    expect(rest[0]?.query.access_token).toBe(fake.tokens[0]);
    expect(rest[0]?.body).toEqual({ touser: OPENID, msgtype: 'text', text: { content: '我们今天寄出。' } });
    await customerWrites('谢谢');
    // The custom send API answers only errcode 0 and WeChat never reports delivery or reading: "sent" is the last word.
    expect(deliveriesOf(ann.events, 'ann-1').map((d) => d.state)).toEqual(['sent']);
  });

  it('fetches a new token when WeChat says the kept one expired, and sends the reply once', async () => {
    const conversation = await customerWrites('Hello');
    expect(await annReplies(conversation.id, 'ann-first', 'Hi!')).toEqual([]);
    await settled('ann-first');
    fake.expireTokens();
    expect(await annReplies(conversation.id, 'ann-renewed', 'How can I help?')).toEqual([]);
    expect(await settled('ann-renewed')).toMatchObject({ state: 'sent' });
    expect(fake.sent.map((r) => [r.path, (r.response.body as { errcode?: number }).errcode ?? 0])).toEqual([
      ['/cgi-bin/stable_token', 0],
      [SEND_PATH, 0],
      [SEND_PATH, 42001],
      ['/cgi-bin/stable_token', 0],
      [SEND_PATH, 0],
    ]);
    expect(fake.texts().map((t) => t.text)).toEqual(['Hi!', 'How can I help?']);
  });

  it('refuses a reply 48 hours after the customer last wrote, before anything is sent', async () => {
    const conversation = await customerWrites('Two days ago', { createTime: Math.floor((Date.now() - 49 * HOUR) / 1000) });
    const [refusal] = await annReplies(conversation.id, 'ann-late', 'Sorry!');
    expect(refusal).toMatchObject({ code: 'invalid', message: expect.stringMatching(/WeChat lets a business reply only within 48 hours/) });
    expect(sends()).toHaveLength(0);
  });

  it('sends at most 5 replies to one customer message: the sixth is refused before sending, and the customer writing again allows more', async () => {
    const conversation = await customerWrites('有人吗？');
    for (let i = 1; i <= 5; i++) expect(await annReplies(conversation.id, `ann-${i}`, `回复 ${i}`)).toEqual([]);
    const [refusal] = await annReplies(conversation.id, 'ann-6', '回复 6');
    expect(refusal).toMatchObject({ code: 'invalid', message: expect.stringMatching(/at most 5 replies to each message of the customer/) });
    await settled('ann-5');
    await customerWrites('在的');
    expect(await annReplies(conversation.id, 'ann-7', '好的')).toEqual([]);
    expect(await settled('ann-7')).toMatchObject({ state: 'sent' });
    expect(fake.texts().map((t) => t.text)).toEqual(['回复 1', '回复 2', '回复 3', '回复 4', '回复 5', '好的']);
  });

  it('retries "system busy", a dropped connection and a timeout, and sends the reply once', async () => {
    const conversation = await customerWrites('Anyone?');
    fake.respondNext(wechatError(-1), { drop: true }, { hang: true });
    expect(await annReplies(conversation.id, 'ann-retried', 'Yes!')).toEqual([]);
    expect(await settled('ann-retried')).toMatchObject({ state: 'sent' });
    expect(sends().map((r) => r.response.status)).toEqual([200, 0, 0, 200]);
    expect(fake.texts().map((t) => t.text)).toEqual(['Yes!']);
  });

  it("marks a reply not delivered with WeChat's reason: outside the window, the reply count spent, unfollowed", async () => {
    const conversation = await customerWrites('Help');
    fake.respondNext(wechatError(45015), wechatError(45047), wechatError(43004));
    for (const id of ['ann-window', 'ann-count', 'ann-unfollowed']) expect(await annReplies(conversation.id, id, id)).toEqual([]);
    const failures = await Promise.all(['ann-window', 'ann-count', 'ann-unfollowed'].map(settled));
    expect(failures.map((d) => d.failure)).toEqual(['outside-window', 'reply-limit', 'blocked']);
    expect(failures[1]?.detail).toContain('WeChat error 45047');
  });
});

/** The administrator's "test connection", against the fake alone. */
describe('WeChat connection check', () => {
  let fake: WechatFake;
  beforeEach(async () => {
    fake = await startWechatFake(CREDENTIALS);
  });
  afterEach(async () => {
    await fake.close();
  });

  it('checks the connection by getting an access token and calling the API with it', async () => {
    const api = { baseUrl: fake.apiBaseUrl, timeoutMs: 2_000 };
    const credentials = wechatAdapter.credentials.parse(CREDENTIALS);
    expect(await wechatAdapter.checkConnection?.(credentials, api)).toEqual({ ok: true, accountName: `WeChat ${CREDENTIALS.appId}` });
    expect(fake.sent.at(-1)?.path).toBe('/cgi-bin/get_api_domain_ip');
    expect(await wechatAdapter.checkConnection?.({ ...credentials, appSecret: 'not-the-app-secret' }, api)).toMatchObject({ ok: false, error: expect.stringContaining('40125') });
  });
});

/** Safe mode: pushes sealed with the EncodingAESKey and signed over the sealed text; a plaintext push is refused. */
describe('WeChat in safe mode', () => {
  const SAFE = { ...CREDENTIALS, encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };
  let fakes: WechatFake[];
  let scene: ChannelRelay;
  let ann: TestDesk;

  beforeEach(async () => {
    fakes = [await startWechatFake({ ...SAFE, mode: 'safe' })];
    scene = await startChannelRelay('wechat', SAFE, fakes[0]?.apiBaseUrl ?? '');
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    for (const fake of fakes) await fake.close();
  });

  it('opens sealed pushes (safe and compatible), refuses forged ones and plaintext ones, and stores each once', async () => {
    const [safe] = fakes;
    if (!safe) throw new Error('no fake');
    const compatible = await startWechatFake({ ...SAFE, mode: 'compatible' });
    const plain = await startWechatFake({ ...CREDENTIALS, mode: 'plain' });
    fakes.push(compatible, plain);
    const hook = { webhookUrl: scene.webhookUrl };
    const sealedOnce = wechatText({ account: ACCOUNT, openId: OPENID, content: '加密的消息' });
    expect(await safe.deliver(sealedOnce, hook)).toBe(200);
    expect(await safe.redeliver(sealedOnce, hook)).toBe(200);
    expect(await compatible.deliver(wechatText({ account: ACCOUNT, openId: OPENID, content: '兼容模式' }), hook)).toBe(200);
    expect(await safe.deliver(wechatText({ account: ACCOUNT, openId: OPENID, content: 'Forged' }), { ...hook, signature: 'forged', retry: once })).toBe(403);
    expect(await plain.deliver(wechatText({ account: ACCOUNT, openId: OPENID, content: 'In plaintext' }), { ...hook, retry: once })).toBe(403);
    expect(await safe.deliver(wechatText({ account: ACCOUNT, openId: OPENID, content: 'Last' }), hook)).toBe(200);
    const conversation = await ann.until('the conversation', (events) => firstConversationOn(events, 'wechat'));
    await ann.until('the last message', (events) => messagesOf(events, conversation.id).some((m) => m.body === 'Last'));
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['加密的消息', '兼容模式', 'Last']);
  });
});
