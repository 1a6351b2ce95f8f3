import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { viberAdapter } from '../../src-relay/channels/viber/viber-adapter.js';
import { deliveriesOf, firstConversationOn, messagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { startViberFake, type ViberFake } from './fakes/viber/fake.js';
import { viberError, viberJson, viberMessage, viberMessageToken, viberStatus, viberTextMessage, viberUserId } from './fakes/viber/payloads.js';

const CREDENTIALS = { authToken: '445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9', senderName: 'Acme Support' };
const OLENA = { id: viberUserId(), name: 'Olena Koval', language: 'uk' };

/** Viber end to end: the fake REST Bot API, a relay with Acme's bot routed to team A (its webhook set through set_webhook), and Ann's desk. */
describe('Viber, end to end against the fake REST Bot API', () => {
  let fake: ViberFake;
  let scene: ChannelRelay;
  let ann: TestDesk;

  beforeEach(async () => {
    fake = await startViberFake({ authToken: CREDENTIALS.authToken, name: 'Acme', retry: { attempts: 5, delayMs: 20 } });
    scene = await startChannelRelay('viber', CREDENTIALS, fake.apiBaseUrl);
    // As an administrator does: set_webhook, which Viber checks with a signed `webhook` callback that must be answered 200.
    const set = await fetch(`${fake.apiBaseUrl}/pa/set_webhook`, {
      method: 'POST',
      headers: { 'x-viber-auth-token': CREDENTIALS.authToken, 'content-type': 'application/json' },
      body: JSON.stringify({ url: scene.webhookUrl, event_types: ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'], send_name: true }),
    });
    expect(await set.json()).toMatchObject({ status: 0 });
    // Ann writes English; her desk's many-to-many model lets her take Olena's Ukrainian.
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test', undefined, [{ among: ['en', 'uk'] }]);
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  const message = (text: string, token = viberMessageToken()) => viberMessage(OLENA, viberTextMessage(text), token);

  async function olenaWrites(text: string, token?: string) {
    expect(await fake.deliver(message(text, token), { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the Viber conversation at Ann', (events) => firstConversationOn(events, 'viber'));
    await ann.until(`"${text}" at Ann`, (events) => messagesOf(events, conversation.id).some((m) => m.body === text));
    return conversation;
  }

  const annReplies = (conversationId: string, messageId: string, body: string) =>
    ann.push({ kind: 'reply.send', conversationId, messageId, body, basis: { assigneeId: 'ann', status: 'open' } });

  /** What reached send_message (set_webhook is in `fake.sent` too). */
  const sends = () => fake.sent.filter((request) => request.path === '/pa/send_message');

  async function sentToken(messageId: string): Promise<string> {
    await ann.until(`${messageId} sent`, (events) => deliveriesOf(events, messageId).some((d) => d.state === 'sent'));
    return fake.texts().at(-1)?.id ?? '';
  }

  it("answers set_webhook's check, and puts a user's message in a Viber conversation of the bot's team, in the user's language", async () => {
    expect(fake.webhookUrl).toBe(scene.webhookUrl);
    expect(JSON.parse(fake.deliveries[0]?.rawBody ?? '{}')).toMatchObject({ event: 'webhook' });
    expect(fake.deliveries[0]?.status).toBe(200);
    const conversation = await olenaWrites('Привіт! Де моє замовлення?');
    expect(conversation).toMatchObject({ channel: 'viber', teamId: 'team-a', assigneeId: 'ann', customerName: 'Olena Koval', language: 'uk', status: 'open' });
    await olenaWrites('Дякую');
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['Привіт! Де моє замовлення?', 'Дякую']);
  });

  it('stores a redelivered message (same 64-bit token) once, and once when deliveries race', async () => {
    const token = viberMessageToken();
    const conversation = await olenaWrites('Once only', token);
    expect(await fake.redeliver(message('Once only', token), { webhookUrl: scene.webhookUrl })).toBe(200);
    // Tokens that JSON.parse would round to the same number are still two messages.
    const base = 4_912_661_846_655_238_144n;
    await olenaWrites('First of two', String(base + 1n));
    await olenaWrites('Second of two', String(base + 2n));
    const raced = message('Raced');
    expect(await Promise.all([fake.redeliver(raced, { webhookUrl: scene.webhookUrl }), fake.redeliver(raced, { webhookUrl: scene.webhookUrl })])).toEqual([200, 200]);
    expect(await fake.deliver(message('Twice at once'), { webhookUrl: scene.webhookUrl, concurrent: 2 })).toBe(200);
    await olenaWrites('Last');
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['Once only', 'First of two', 'Second of two', 'Raced', 'Twice at once', 'Last']);
  });

  it('refuses a forged or missing signature with 403 and writes nothing', async () => {
    await olenaWrites('Before');
    const heard = ann.events.length;
    const once = { attempts: 1, delayMs: 0 };
    expect(await fake.deliver(message('Forged'), { webhookUrl: scene.webhookUrl, signature: 'forged', retry: once })).toBe(403);
    expect(await fake.deliver(message('Unsigned'), { webhookUrl: scene.webhookUrl, signature: 'missing', retry: once })).toBe(403);
    await olenaWrites('After');
    expect(ann.events.slice(heard).flatMap((e) => (e.data.type === 'message.created' ? [e.data.message.body] : []))).toEqual(['After']);
  });

  it("sends the reply with the bot's token and sender name, then shows delivered and seen, or failed, from callbacks naming its 64-bit token", async () => {
    const conversation = await olenaWrites('Коли доставка?');
    expect(await annReplies(conversation.id, 'ann-1', 'Tomorrow *before noon*!')).toEqual([]);
    const token = await sentToken('ann-1');
    expect(BigInt(token)).toBeGreaterThan(2n ** 53n);
    const [request] = sends();
    expect(request?.path).toBe('/pa/send_message');
    expect(request?.headers['x-viber-auth-token']).toBe(CREDENTIALS.authToken);
    expect(request?.body).toEqual({ receiver: OLENA.id, sender: { name: 'Acme Support' }, type: 'text', text: 'Tomorrow *before noon*!' });
    for (const event of ['delivered', 'seen', 'delivered'] as const) expect(await fake.statusCallback(token, event)).toBe(200);
    await ann.until('the reply seen', (events) => deliveriesOf(events, 'ann-1').some((d) => d.state === 'read'));

    expect(await annReplies(conversation.id, 'ann-2', 'Are you there?')).toEqual([]);
    expect(await fake.statusCallback(await sentToken('ann-2'), 'failed', { desc: 'the user uninstalled Viber' })).toBe(200);
    const failed = await ann.until('the reply failed', (events) => deliveriesOf(events, 'ann-2').find((d) => d.state === 'failed'));
    expect(failed).toMatchObject({ failure: 'undeliverable', detail: 'Viber: the user uninstalled Viber' });
    await olenaWrites('Ok');
    expect(deliveriesOf(ann.events, 'ann-1').map((d) => d.state)).toEqual(['sent', 'delivered', 'read']);
  });

  it('tells apart two replies whose tokens JSON.parse would round to one number', async () => {
    const conversation = await olenaWrites('Two questions');
    const [first, second] = ['4912661846655238145', '4912661846655238146'] as const;
    const answer = (token: string) => {
      const body = { status: 0, status_message: 'ok', message_token: token, chat_hostname: 'SN-CHAT-03_', billing_status: 1 };
      return { status: 200, body, raw: viberJson(body) };
    };
    fake.respondNext(answer(first), answer(second));
    expect(await annReplies(conversation.id, 'ann-a', 'First answer')).toEqual([]);
    expect(await annReplies(conversation.id, 'ann-b', 'Second answer')).toEqual([]);
    await ann.until('both sent', (events) => ['ann-a', 'ann-b'].every((id) => deliveriesOf(events, id).some((d) => d.state === 'sent')));
    expect(await fake.deliver(viberStatus('seen', second, OLENA.id), { webhookUrl: scene.webhookUrl })).toBe(200);
    await ann.until('the second reply seen', (events) => deliveriesOf(events, 'ann-b').some((d) => d.state === 'read'));
    await olenaWrites('Thanks');
    expect(deliveriesOf(ann.events, 'ann-a').map((d) => d.state)).toEqual(['sent']);
  });

  it('has no reply window, but refuses a reply over 7000 characters before it is stored', async () => {
    const lastMonth = Date.now() - 30 * 24 * 3_600_000;
    expect(await fake.deliver({ ...message('An old question'), timestamp: lastMonth }, { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the conversation', (events) => firstConversationOn(events, 'viber'));
    const [tooLong] = await annReplies(conversation.id, 'ann-long', 'ї'.repeat(7001));
    expect(tooLong?.message).toMatch(/Viber takes at most 7000 characters/);
    expect(await annReplies(conversation.id, 'ann-late', 'ї'.repeat(7000))).toEqual([]);
    await sentToken('ann-late');
    expect(fake.texts()).toHaveLength(1);
  });

  it('retries a 5xx, tooManyRequests, a dropped connection and a timeout, and sends the reply once', async () => {
    const conversation = await olenaWrites('Hello?');
    fake.respondNext({ status: 502, body: 'Bad Gateway', raw: 'Bad Gateway' }, viberError(12), { drop: true }, { hang: true });
    expect(await annReplies(conversation.id, 'ann-retried', 'Yes!')).toEqual([]);
    expect(await annReplies(conversation.id, 'ann-next', 'How can I help?')).toEqual([]);
    await ann.until('both replies sent', (events) => ['ann-retried', 'ann-next'].every((id) => deliveriesOf(events, id).some((d) => d.state === 'sent')));
    expect(sends().map((r) => [r.response.status, (r.response.body as { status?: number }).status])).toEqual([[502, undefined], [200, 12], [0, undefined], [0, undefined], [200, 0], [200, 0]]);
    expect(fake.texts().map((t) => t.text)).toEqual(['Yes!', 'How can I help?']);
    expect(deliveriesOf(ann.events, 'ann-retried').map((d) => d.state)).toEqual(['sent']);
  });

  it("marks a reply not delivered with Viber's status: not subscribed to the bot, not a Viber user", async () => {
    const conversation = await olenaWrites('Bye');
    fake.respondNext(viberError(6), viberError(5));
    expect(await annReplies(conversation.id, 'ann-unsubscribed', 'Wait!')).toEqual([]);
    const unsubscribed = await ann.until('the first failure', (events) => deliveriesOf(events, 'ann-unsubscribed').find((d) => d.state === 'failed'));
    expect(await annReplies(conversation.id, 'ann-gone', 'Hello?')).toEqual([]);
    const gone = await ann.until('the second failure', (events) => deliveriesOf(events, 'ann-gone').find((d) => d.state === 'failed'));
    expect([unsubscribed.failure, gone.failure]).toEqual(['unsubscribed', 'invalid-recipient']);
    expect(unsubscribed.detail).toBe('Viber status 6: receiverNotSubscribed');
    expect(sends()).toHaveLength(2);
  });

  it("tests the connection with the bot's account info, and says why when the token is wrong", async () => {
    const api = { baseUrl: fake.apiBaseUrl, timeoutMs: 2_000 };
    expect(await viberAdapter.checkConnection?.(CREDENTIALS, api)).toEqual({ ok: true, accountName: 'Acme (fakebot)' });
    const wrong = await viberAdapter.checkConnection?.({ ...CREDENTIALS, authToken: 'not-the-token-0123456789' }, api);
    expect(wrong).toEqual({ ok: false, error: "Viber status 2: invalidAuthToken (check the bot's authentication token)" });
  });
});
