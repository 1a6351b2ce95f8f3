import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveriesOf, firstConversationOn, messagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { startTelegramFake, type TelegramFake } from './fakes/telegram/fake.js';
import { telegramEditedUpdate, telegramError, telegramTextUpdate } from './fakes/telegram/payloads.js';

const CREDENTIALS = { botToken: '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 'relay-secret-token-0123456789' };
const OLENA = 5_512_345_678;

/** Telegram end to end: the fake Bot API, a relay with Acme's bot routed to team A, and Ann's desk. */
describe('Telegram, end to end against the fake Bot API', () => {
  let fake: TelegramFake;
  let scene: ChannelRelay;
  let ann: TestDesk;
  let updateId = 1000;
  let messageId = 10;

  beforeEach(async () => {
    fake = await startTelegramFake(CREDENTIALS);
    scene = await startChannelRelay('telegram', CREDENTIALS, fake.apiBaseUrl);
    // Ann writes English; her desk's many-to-many model lets her take Olena's Ukrainian.
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test', undefined, [{ among: ['en', 'uk'] }]);
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  const update = (text: string, over: { date?: number } = {}) =>
    telegramTextUpdate({ updateId: ++updateId, chatId: OLENA, messageId: ++messageId, firstName: 'Olena', lastName: 'Koval', languageCode: 'uk', text, ...over });

  async function olenaWrites(text: string, over: { date?: number } = {}) {
    expect(await fake.deliver(update(text, over), { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the Telegram conversation at Ann', (events) => firstConversationOn(events, 'telegram'));
    await ann.until(`"${text}" at Ann`, (events) => messagesOf(events, conversation.id).some((m) => m.body === text));
    return conversation;
  }

  const annReplies = (conversationId: string, id: string, body: string) =>
    ann.push({ kind: 'reply.send', conversationId, messageId: id, body, basis: { assigneeId: 'ann', status: 'open' } });

  it("puts a user's private message in a Telegram conversation of the bot's team, in the user's language, and ignores other updates", async () => {
    const conversation = await olenaWrites('Привіт! Де моє замовлення?');
    expect(conversation).toMatchObject({ channel: 'telegram', teamId: 'team-a', assigneeId: 'ann', customerName: 'Olena Koval', language: 'uk', market: null });
    expect(await fake.deliver(telegramEditedUpdate(++updateId, OLENA), { webhookUrl: scene.webhookUrl })).toBe(200);
    await olenaWrites('Дякую');
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['Привіт! Де моє замовлення?', 'Дякую']);
  });

  it('stores a redelivered update once, and once when two deliveries of it race', async () => {
    const first = update('Once only');
    expect(await fake.deliver(first, { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the conversation', (events) => firstConversationOn(events, 'telegram'));
    expect(await fake.redeliver(first, { webhookUrl: scene.webhookUrl })).toBe(200);
    const raced = update('Raced');
    expect(await Promise.all([fake.redeliver(raced, { webhookUrl: scene.webhookUrl }), fake.redeliver(raced, { webhookUrl: scene.webhookUrl })])).toEqual([200, 200]);
    await olenaWrites('Last');
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['Once only', 'Raced', 'Last']);
  });

  it('refuses a wrong or missing secret token with 403 and writes nothing', async () => {
    await olenaWrites('Before');
    const heard = ann.events.length;
    const once = { attempts: 1, delayMs: 0 };
    expect(await fake.deliver(update('Forged'), { webhookUrl: scene.webhookUrl, signature: 'forged', retry: once })).toBe(403);
    expect(await fake.deliver(update('Unsigned'), { webhookUrl: scene.webhookUrl, signature: 'missing', retry: once })).toBe(403);
    // A Telegram bot has no handshake to answer.
    expect((await fetch(scene.webhookUrl)).status).toBe(405);
    await olenaWrites('After');
    expect(ann.events.slice(heard).flatMap((e) => (e.data.type === 'message.created' ? [e.data.message.body] : []))).toEqual(['After']);
  });

  it("sends the agent's reply to the chat as plain text with the bot's token, and shows it sent (Telegram has no delivery receipts)", async () => {
    const conversation = await olenaWrites('Коли доставка?');
    expect(await annReplies(conversation.id, 'ann-1', 'Tomorrow *before noon* — _promise_!')).toEqual([]);
    const sent = await ann.until('the reply sent', (events) => deliveriesOf(events, 'ann-1').find((d) => d.state === 'sent'));
    expect(sent).toMatchObject({ failure: null });
    const [request] = fake.sent;
    expect(request?.path).toBe(`/bot${CREDENTIALS.botToken}/sendMessage`);
    expect(request?.body).toEqual({ chat_id: String(OLENA), text: 'Tomorrow *before noon* — _promise_!', link_preview_options: { is_disabled: true } });
    expect(fake.texts()).toEqual([{ chatId: String(OLENA), text: 'Tomorrow *before noon* — _promise_!', parseMode: undefined, messageId: 101 }]);
  });

  it('has no reply window, but refuses a reply longer than Telegram takes', async () => {
    const lastMonth = Math.floor(Date.now() / 1000) - 30 * 24 * 3600;
    const conversation = await olenaWrites('An old question', { date: lastMonth });
    const [tooLong] = await annReplies(conversation.id, 'ann-long', 'x'.repeat(4097));
    expect(tooLong?.message).toMatch(/Telegram takes at most 4096 characters/);
    expect(await annReplies(conversation.id, 'ann-late', 'Still here for you')).toEqual([]);
    await ann.until('the late reply sent', (events) => deliveriesOf(events, 'ann-late').some((d) => d.state === 'sent'));
    expect(fake.texts().map((t) => t.text)).toEqual(['Still here for you']);
  });

  it('retries a 502 and a 429 with retry_after, and sends the reply once', async () => {
    const conversation = await olenaWrites('Hello?');
    fake.respondNext(telegramError(502, 'Bad Gateway'), telegramError(429, 'Too Many Requests: retry after 1', 1));
    expect(await annReplies(conversation.id, 'ann-retried', 'Yes!')).toEqual([]);
    await ann.until('the reply sent', (events) => deliveriesOf(events, 'ann-retried').some((d) => d.state === 'sent'));
    expect(fake.sent.map((r) => r.response.status)).toEqual([502, 429, 200]);
    expect(fake.texts().map((t) => t.text)).toEqual(['Yes!']);
  });

  it('marks a reply failed when the user blocked the bot, or the chat is gone', async () => {
    const conversation = await olenaWrites('Bye');
    fake.respondNext(telegramError(403, 'Forbidden: bot was blocked by the user'), telegramError(400, 'Bad Request: chat not found'));
    expect(await annReplies(conversation.id, 'ann-blocked', 'Wait!')).toEqual([]);
    const blocked = await ann.until('the first failure', (events) => deliveriesOf(events, 'ann-blocked').find((d) => d.state === 'failed'));
    expect(await annReplies(conversation.id, 'ann-gone', 'Hello?')).toEqual([]);
    const gone = await ann.until('the second failure', (events) => deliveriesOf(events, 'ann-gone').find((d) => d.state === 'failed'));
    expect([blocked.failure, gone.failure]).toEqual(['blocked', 'invalid-recipient']);
    expect(blocked.detail).toBe('Telegram error 403: Forbidden: bot was blocked by the user');
    expect(fake.sent).toHaveLength(2);
  });
});
