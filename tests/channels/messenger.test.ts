import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messengerAdapter } from '../../src-relay/channels/messenger/messenger-adapter.js';
import { deliveriesOf, firstConversationOn, messagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { startMessengerFake, type MessengerFake } from './fakes/messenger/fake.js';
import { messengerDelivered, messengerError, messengerMid, messengerRead, messengerText, messengerWebhook } from './fakes/messenger/payloads.js';

const CREDENTIALS = { pageId: '1122334455', pageAccessToken: 'EAAG-page-access-token', appSecret: 'messenger-app-secret', verifyToken: 'verify-token-0123' };
const PSID = '24680135792468';
const DAY = 24 * 3_600_000;

/** Messenger end to end: the fake Messenger Platform (enforcing its windows), a relay with Acme's Page routed to team A, and Ann's desk. */
describe('Messenger, end to end against the fake Messenger Platform', () => {
  let fake: MessengerFake;
  let scene: ChannelRelay;
  let ann: TestDesk;

  beforeEach(async () => {
    fake = await startMessengerFake({ appSecret: CREDENTIALS.appSecret, accessToken: CREDENTIALS.pageAccessToken, enforceWindow: true, account: { id: CREDENTIALS.pageId, name: 'Acme Shoes' } });
    scene = await startChannelRelay('messenger', CREDENTIALS, fake.apiBaseUrl);
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  const text = (body: string, over: { mid?: string; timestamp?: number } = {}) => messengerText({ pageId: CREDENTIALS.pageId, psid: PSID, text: body, ...over });
  const hook = () => ({ webhookUrl: scene.webhookUrl });
  const once = { attempts: 1, delayMs: 0 };

  /** The customer writes; Ann's desk gets the conversation and the message. */
  async function customerWrites(body: string, over: { mid?: string; timestamp?: number } = {}) {
    expect(await fake.deliver(text(body, over), hook())).toBe(200);
    const conversation = await ann.until('the Messenger conversation at Ann', (events) => firstConversationOn(events, 'messenger'));
    await ann.until(`"${body}" at Ann`, (events) => messagesOf(events, conversation.id).some((m) => m.body === body));
    return conversation;
  }

  const annReplies = (conversationId: string, messageId: string, body: string) =>
    ann.push({ kind: 'reply.send', conversationId, messageId, body, basis: { assigneeId: 'ann', status: 'open' } });
  const sentState = (messageId: string) => ann.until(`${messageId} sent`, (events) => deliveriesOf(events, messageId).find((d) => d.state === 'sent'));

  it("puts a customer's message in a Messenger conversation of the Page's team, and leaves out echoes and other Pages", async () => {
    const conversation = await customerWrites('Olá! Do you ship to Lisbon?');
    expect(conversation).toMatchObject({ channel: 'messenger', teamId: 'team-a', assigneeId: 'ann', customerName: 'Messenger user …2468', status: 'open' });
    // Our own send echoed back, and another Page of the same app, are acknowledged and stored nowhere.
    const echo = messengerWebhook(CREDENTIALS.pageId, [{ sender: { id: CREDENTIALS.pageId }, recipient: { id: PSID }, timestamp: Date.now(), message: { mid: messengerMid(), text: 'Echo', is_echo: true } }]);
    expect(await fake.deliver(echo, hook())).toBe(200);
    expect(await fake.deliver(messengerText({ pageId: '999', psid: PSID, text: 'Other page' }), hook())).toBe(200);
    await customerWrites('Last');
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['Olá! Do you ship to Lisbon?', 'Last']);
  });

  it('stores a redelivered message once, and once when two deliveries of it race', async () => {
    const mid = messengerMid();
    const conversation = await customerWrites('Once only', { mid });
    expect(await fake.redeliver(text('Once only', { mid }), hook())).toBe(200);
    const racing = text('Raced');
    expect(await Promise.all([fake.redeliver(racing, hook()), fake.redeliver(racing, hook())])).toEqual([200, 200]);
    expect(await fake.deliver(text('Raced thrice'), { ...hook(), concurrent: 3, retry: once })).toBe(200);
    await customerWrites('Last');
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['Once only', 'Raced', 'Raced thrice', 'Last']);
  });

  it("refuses a forged or missing signature with 403 and writes nothing; answers Meta's handshake for the verify token only", async () => {
    await customerWrites('Before');
    const heard = ann.events.length;
    expect(await fake.deliver(text('Forged'), { ...hook(), signature: 'forged', retry: once })).toBe(403);
    expect(await fake.deliver(text('Unsigned'), { ...hook(), signature: 'missing', retry: once })).toBe(403);
    await customerWrites('After');
    expect(ann.events.slice(heard).flatMap((e) => (e.data.type === 'message.created' ? [e.data.message.body] : []))).toEqual(['After']);
    expect(await fake.handshake(scene.webhookUrl, CREDENTIALS.verifyToken, '1158201444')).toEqual({ status: 200, body: '1158201444' });
    expect((await fake.handshake(scene.webhookUrl, 'not-the-token', '1158201444')).status).toBe(403);
  });

  it("sends the reply to the PSID with the Page token, then marks replies delivered and read by Messenger's watermarks", async () => {
    const conversation = await customerWrites('Where is my parcel?');
    expect(await annReplies(conversation.id, 'ann-1', 'It left today.')).toEqual([]);
    expect(await annReplies(conversation.id, 'ann-2', 'Tracking follows.')).toEqual([]);
    await sentState('ann-2');
    const [request] = fake.sent;
    expect(request?.path).toBe('/v23.0/me/messages');
    expect(request?.headers.authorization).toBe(`Bearer ${CREDENTIALS.pageAccessToken}`);
    expect(request?.body).toEqual({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'It left today.' } });
    // A delivery naming no message: every reply sent before its watermark is delivered.
    expect(await fake.deliver(messengerDelivered({ pageId: CREDENTIALS.pageId, psid: PSID }), hook())).toBe(200);
    await ann.until('both delivered', (events) => ['ann-1', 'ann-2'].every((id) => deliveriesOf(events, id).some((d) => d.state === 'delivered')));
    expect(await annReplies(conversation.id, 'ann-3', 'Anything else?')).toEqual([]);
    await sentState('ann-3');
    // A read up to a time before the third reply: the first two are read, the third is not.
    const beforeThird = (messagesOf(ann.events, conversation.id).find((m) => m.id === 'ann-3')?.createdAt ?? 0) - 1;
    expect(await fake.deliver(messengerRead({ pageId: CREDENTIALS.pageId, psid: PSID, watermark: beforeThird }), hook())).toBe(200);
    // A delivery naming the third by its mid marks it by id too.
    const third = fake.texts()[2]?.id ?? '';
    expect(await fake.deliver(messengerDelivered({ pageId: CREDENTIALS.pageId, psid: PSID, mids: [third], watermark: Date.now() }), hook())).toBe(200);
    await ann.until('ann-3 delivered', (events) => deliveriesOf(events, 'ann-3').some((d) => d.state === 'delivered'));
    await customerWrites('Thanks!');
    expect(deliveriesOf(ann.events, 'ann-1').map((d) => d.state)).toEqual(['sent', 'delivered', 'read']);
    expect(deliveriesOf(ann.events, 'ann-2').map((d) => d.state)).toEqual(['sent', 'delivered', 'read']);
    expect(deliveriesOf(ann.events, 'ann-3').map((d) => d.state)).toEqual(['sent', 'delivered']);
  });

  it('asks Meta again for a read that outruns the record of the send, and applies it once recorded', async () => {
    const conversation = await customerWrites('Quick!');
    fake.respondNext({ status: 200, body: { recipient_id: PSID, message_id: messengerMid() }, delayMs: 300 });
    expect(await annReplies(conversation.id, 'ann-quick', 'Right away')).toEqual([]);
    await ann.until('the send under way', () => fake.sent.length === 1);
    expect(await fake.deliver(messengerRead({ pageId: CREDENTIALS.pageId, psid: PSID }), { ...hook(), retry: { attempts: 20, delayMs: 100 } })).toBe(200);
    expect(fake.deliveries.at(-2)?.status).toBe(503);
    await ann.until('the reply read', (events) => deliveriesOf(events, 'ann-quick').some((d) => d.state === 'read'));
  });

  it('replies with the HUMAN_AGENT tag after 24 hours, and refuses after 7 days before anything is sent', async () => {
    const twoDaysAgo = Date.now() - 2 * DAY;
    const conversation = await customerWrites('Sent two days ago', { timestamp: twoDaysAgo });
    fake.customerWrote(PSID, twoDaysAgo);
    expect(await annReplies(conversation.id, 'ann-tagged', 'Sorry for the wait!')).toEqual([]);
    await sentState('ann-tagged');
    expect(fake.sent[0]?.body).toEqual({ recipient: { id: PSID }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Sorry for the wait!' } });

    expect(await fake.deliver(text('A week ago', { timestamp: Date.now() - 8 * DAY }), hook())).toBe(200);
    await ann.until('the old message', (events) => messagesOf(events, conversation.id).some((m) => m.body === 'A week ago'));
    // The contact keeps the latest time the customer wrote: two days ago, so the tag still applies.
    expect(await annReplies(conversation.id, 'ann-still', 'Still here')).toEqual([]);
    await sentState('ann-still');
    expect(fake.sent[1]?.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
  });

  it('refuses a reply once the customer last wrote more than 7 days ago, with the reason', async () => {
    const conversation = await customerWrites('Long ago', { timestamp: Date.now() - 8 * DAY });
    const [refusal] = await annReplies(conversation.id, 'ann-late', 'Hello again');
    expect(refusal).toMatchObject({ code: 'invalid' });
    expect(refusal?.message).toMatch(/Messenger lets a business reply within 24 hours .* and a person within 7 days/);
    const [tooLong] = await annReplies(conversation.id, 'ann-long', 'x'.repeat(2001));
    expect(tooLong?.message).toMatch(/at most 2000 characters/);
    await customerWrites('Now?');
    expect(fake.sent).toHaveLength(0);
  });

  it('retries a 5xx, a dropped connection and a timeout, sends the reply once, and the next after it', async () => {
    const conversation = await customerWrites('Anyone there?');
    fake.respondNext(messengerError.temporary(), { drop: true }, { hang: true });
    expect(await annReplies(conversation.id, 'ann-retried', 'Yes, sorry!')).toEqual([]);
    expect(await annReplies(conversation.id, 'ann-next', 'How can I help?')).toEqual([]);
    await sentState('ann-next');
    expect(fake.sent.map((r) => r.response.status)).toEqual([500, 0, 0, 200, 200]);
    expect(fake.texts().map((t) => t.text)).toEqual(['Yes, sorry!', 'How can I help?']);
    expect(deliveriesOf(ann.events, 'ann-retried').map((d) => d.state)).toEqual(['sent']);
  });

  it("marks a reply not delivered with Meta's reason: outside the window, or the person unavailable", async () => {
    const conversation = await customerWrites('Call me');
    fake.respondNext(messengerError.outsideWindow(), messengerError.userUnavailable());
    expect(await annReplies(conversation.id, 'ann-window', 'Calling')).toEqual([]);
    expect(await annReplies(conversation.id, 'ann-gone', 'Hello?')).toEqual([]);
    const failures = await ann.until('both failed', (events) => {
      const found = ['ann-window', 'ann-gone'].map((id) => deliveriesOf(events, id).find((d) => d.state === 'failed'));
      return found.every(Boolean) && found;
    });
    expect(failures.map((d) => d?.failure)).toEqual(['outside-window', 'unavailable']);
    expect(failures[0]?.detail).toContain('10/2018278');
    expect(fake.sent).toHaveLength(2);
  });
});

/** The administrator's "test connection", against the fake alone. */
describe('Messenger connection check', () => {
  let fake: MessengerFake;
  beforeEach(async () => {
    fake = await startMessengerFake({ appSecret: CREDENTIALS.appSecret, accessToken: CREDENTIALS.pageAccessToken, account: { id: CREDENTIALS.pageId, name: 'Acme Shoes' } });
  });
  afterEach(async () => {
    await fake.close();
  });

  it("checks the connection with the Page token: the Page's name, or Meta's refusal", async () => {
    const api = { baseUrl: fake.apiBaseUrl, timeoutMs: 2_000 };
    const credentials = messengerAdapter.credentials.parse(CREDENTIALS);
    expect(await messengerAdapter.checkConnection?.(credentials, api)).toEqual({ ok: true, accountName: 'Acme Shoes' });
    const wrong = await messengerAdapter.checkConnection?.({ ...credentials, pageAccessToken: 'EAAG-wrong-token' }, api);
    expect(wrong).toMatchObject({ ok: false, error: expect.stringContaining('190') });
  });
});
