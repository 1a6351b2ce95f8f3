import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lineAdapter } from '../../src-relay/channels/line/line-adapter.js';
import { deliveriesOf, firstConversationOn, messagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { startLineFake, type LineFake } from './fakes/line/fake.js';
import { lineError, lineMessageId, lineText } from './fakes/line/payloads.js';

const CREDENTIALS = { channelSecret: '8c570fa6dd201bb328f1c1eac23a96d8', channelAccessToken: 'line-channel-access-token-0123456789' };
const BOT = 'U' + 'b'.repeat(32);
const SOMCHAI = 'U' + '4af4980629'.padEnd(32, '7');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** LINE end to end: the fake Messaging API, a relay with Acme's LINE account routed to team A, and Ann's desk. */
describe('LINE, end to end against the fake Messaging API', () => {
  let fake: LineFake;
  let scene: ChannelRelay;
  let ann: TestDesk;

  beforeEach(async () => {
    fake = await startLineFake({ ...CREDENTIALS, botUserId: BOT, retry: { attempts: 3, delayMs: 20 } });
    scene = await startChannelRelay('line', CREDENTIALS, fake.apiBaseUrl);
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  const text = (body: string, over: { id?: string; userId?: string } = {}) => lineText({ botUserId: BOT, userId: SOMCHAI, text: body, ...over });

  async function somchaiWrites(body: string, over: { id?: string } = {}) {
    expect(await fake.deliver(text(body, over), { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the LINE conversation at Ann', (events) => firstConversationOn(events, 'line'));
    await ann.until(`"${body}" at Ann`, (events) => messagesOf(events, conversation.id).some((m) => m.body === body));
    return conversation;
  }

  const annReplies = (conversationId: string, messageId: string, body: string) =>
    ann.push({ kind: 'reply.send', conversationId, messageId, body, basis: { assigneeId: 'ann', status: 'open' } });

  it("puts a user's message in a LINE conversation of the account's team, on its available agent's desk; the console's Verify is acknowledged", async () => {
    const verify = await fetch(`${fake.apiBaseUrl}/v2/bot/channel/webhook/test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CREDENTIALS.channelAccessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: scene.webhookUrl }),
    });
    expect(await verify.json()).toMatchObject({ success: true, statusCode: 200 });
    const conversation = await somchaiWrites('สวัสดีครับ พัสดุของผมอยู่ไหน');
    expect(conversation).toMatchObject({ channel: 'line', teamId: 'team-a', assigneeId: 'ann', customerName: `LINE user ${SOMCHAI.slice(-6)}`, status: 'open' });
    await somchaiWrites('ขอบคุณครับ');
    expect(messagesOf(ann.events, conversation.id).map((m) => [m.author, m.body])).toEqual([['customer', 'สวัสดีครับ พัสดุของผมอยู่ไหน'], ['customer', 'ขอบคุณครับ']]);
  });

  it('stores a redelivered event (isRedelivery, signed afresh) once, and once when deliveries race', async () => {
    const id = lineMessageId();
    const conversation = await somchaiWrites('Once only', { id });
    expect(await fake.redeliver(text('Once only', { id }), { webhookUrl: scene.webhookUrl })).toBe(200);
    expect(JSON.parse(fake.deliveries.at(-1)?.rawBody ?? '{}')).toMatchObject({ events: [{ deliveryContext: { isRedelivery: true }, message: { id } }] });
    const raced = text('Raced');
    expect(await Promise.all([fake.redeliver(raced, { webhookUrl: scene.webhookUrl }), fake.redeliver(raced, { webhookUrl: scene.webhookUrl })])).toEqual([200, 200]);
    expect(await fake.deliver(text('Twice at once'), { webhookUrl: scene.webhookUrl, concurrent: 2 })).toBe(200);
    await somchaiWrites('Last');
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['Once only', 'Raced', 'Twice at once', 'Last']);
  });

  it('refuses a forged or missing signature with 403 and writes nothing', async () => {
    await somchaiWrites('Before');
    const heard = ann.events.length;
    const once = { attempts: 1, delayMs: 0 };
    expect(await fake.deliver(text('Forged'), { webhookUrl: scene.webhookUrl, signature: 'forged', retry: once })).toBe(403);
    expect(await fake.deliver(text('Unsigned'), { webhookUrl: scene.webhookUrl, signature: 'missing', retry: once })).toBe(403);
    await somchaiWrites('After');
    expect(ann.events.slice(heard).flatMap((e) => (e.data.type === 'message.created' ? [e.data.message.body] : []))).toEqual(['After']);
  });

  it("pushes the agent's reply with the channel access token and a retry key, and shows it sent (LINE has no delivery or read statuses)", async () => {
    const conversation = await somchaiWrites('ส่งเมื่อไหร่ครับ');
    expect(await annReplies(conversation.id, 'ann-1', 'Tomorrow *before noon*!')).toEqual([]);
    await ann.until('the reply sent', (events) => deliveriesOf(events, 'ann-1').some((d) => d.state === 'sent'));
    const [request] = fake.sent;
    expect(request?.path).toBe('/v2/bot/message/push');
    expect(request?.headers.authorization).toBe(`Bearer ${CREDENTIALS.channelAccessToken}`);
    expect(request?.headers['x-line-retry-key']).toMatch(UUID);
    expect(request?.body).toEqual({ to: SOMCHAI, messages: [{ type: 'text', text: 'Tomorrow *before noon*!' }] });
    expect(fake.texts()).toEqual([{ to: SOMCHAI, text: 'Tomorrow *before noon*!', id: expect.stringMatching(/^\d+$/) }]);
    await somchaiWrites('โอเค');
    expect(deliveriesOf(ann.events, 'ann-1').map((d) => d.state)).toEqual(['sent']);
  });

  it('has no reply window, but refuses a reply over 5000 characters before it is stored', async () => {
    const conversation = await somchaiWrites('An old question');
    const [tooLong] = await annReplies(conversation.id, 'ann-long', 'ก'.repeat(5001));
    expect(tooLong?.message).toMatch(/LINE takes at most 5000 characters/);
    expect(await annReplies(conversation.id, 'ann-max', 'ก'.repeat(5000))).toEqual([]);
    await ann.until('the longest reply sent', (events) => deliveriesOf(events, 'ann-max').some((d) => d.state === 'sent'));
    expect(messagesOf(ann.events, conversation.id).map((m) => m.id)).not.toContain('ann-long');
    expect(fake.texts()).toHaveLength(1);
  });

  it('retries a 500, a 429 and a lost answer under the same retry key, and LINE shows the reply once', async () => {
    const conversation = await somchaiWrites('Hello?');
    fake.respondNext(lineError.server(), lineError.rateLimited(), { hang: true });
    expect(await annReplies(conversation.id, 'ann-retried', 'Yes!')).toEqual([]);
    expect(await annReplies(conversation.id, 'ann-next', 'How can I help?')).toEqual([]);
    await ann.until('both replies sent', (events) => ['ann-retried', 'ann-next'].every((id) => deliveriesOf(events, id).some((d) => d.state === 'sent')));
    // The lost answer's push was taken: the next attempt, under the same key, is answered 409 with what was sent.
    expect(fake.sent.map((r) => r.response.status)).toEqual([500, 429, 0, 409, 200]);
    expect(new Set(fake.sent.slice(0, 4).map((r) => r.headers['x-line-retry-key'])).size).toBe(1);
    expect(fake.sent[4]?.headers['x-line-retry-key']).not.toBe(fake.sent[0]?.headers['x-line-retry-key']);
    expect(fake.texts().map((t) => t.text)).toEqual(['Yes!', 'How can I help?']);
    expect(deliveriesOf(ann.events, 'ann-retried').map((d) => d.state)).toEqual(['sent']);
  });

  it("marks a reply not delivered with LINE's reason: a user id that is not a friend's, the plan's monthly limit", async () => {
    const conversation = await somchaiWrites('Bye');
    fake.respondNext(lineError.invalidTo(), lineError.monthlyLimit());
    expect(await annReplies(conversation.id, 'ann-gone', 'Wait!')).toEqual([]);
    const gone = await ann.until('the first failure', (events) => deliveriesOf(events, 'ann-gone').find((d) => d.state === 'failed'));
    expect(await annReplies(conversation.id, 'ann-limit', 'Hello?')).toEqual([]);
    const limit = await ann.until('the second failure', (events) => deliveriesOf(events, 'ann-limit').find((d) => d.state === 'failed'));
    expect([gone.failure, limit.failure]).toEqual(['invalid-recipient', 'quota-exceeded']);
    expect(gone.detail).toBe("LINE error 400: The property, 'to', in the request body is invalid (line: -, column: -)");
    expect(fake.sent).toHaveLength(2);
  });

  it("tests the connection with the bot's info, and says why when the token is wrong", async () => {
    const api = { baseUrl: fake.apiBaseUrl, timeoutMs: 2_000 };
    expect(await lineAdapter.checkConnection?.(CREDENTIALS, api)).toEqual({ ok: true, accountName: 'Fake LINE bot (@fake)' });
    const wrong = await lineAdapter.checkConnection?.({ ...CREDENTIALS, channelAccessToken: 'not-the-channel-token-0123' }, api);
    expect(wrong).toEqual({ ok: false, error: expect.stringContaining('LINE error 401: Authentication failed') });
  });
});
