import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instagramAdapter } from '../../src-relay/channels/instagram/instagram-adapter.js';
import { deliveriesOf, firstConversationOn, messagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { startInstagramFake, type InstagramFake } from './fakes/instagram/fake.js';
import { instagramError, instagramMid, instagramRead, instagramText, instagramWebhook } from './fakes/instagram/payloads.js';

const CREDENTIALS = { instagramAccountId: '17841400000000001', pageAccessToken: 'EAAG-ig-page-token', appSecret: 'ig-app-secret-0123', verifyToken: 'verify-token-0123' };
const IG = CREDENTIALS.instagramAccountId;
const IGSID = '6543210987654321';
const HOUR = 3_600_000;

/** Instagram end to end: the fake Messenger API for Instagram (enforcing its windows), a relay with Acme's account routed to team A, and Ann's desk. */
describe('Instagram, end to end against the fake Messenger API for Instagram', () => {
  let fake: InstagramFake;
  let scene: ChannelRelay;
  let ann: TestDesk;

  beforeEach(async () => {
    fake = await startInstagramFake({ appSecret: CREDENTIALS.appSecret, accessToken: CREDENTIALS.pageAccessToken, enforceWindow: true, account: { id: IG, name: 'acme.shoes' } });
    scene = await startChannelRelay('instagram', CREDENTIALS, fake.apiBaseUrl);
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  const hook = () => ({ webhookUrl: scene.webhookUrl });
  const once = { attempts: 1, delayMs: 0 };
  /** A message the customer wrote at `timestamp` (the fake's builder always says "now"). */
  const written = (text: string, timestamp: number) => instagramWebhook(IG, [{ sender: { id: IGSID }, recipient: { id: IG }, timestamp, message: { mid: instagramMid(), text } }]);

  async function customerWrites(text: string, payload: unknown = instagramText({ igId: IG, igsid: IGSID, text })) {
    expect(await fake.deliver(payload, hook())).toBe(200);
    const conversation = await ann.until('the Instagram conversation at Ann', (events) => firstConversationOn(events, 'instagram'));
    await ann.until(`"${text}" at Ann`, (events) => messagesOf(events, conversation.id).some((m) => m.body === text));
    return conversation;
  }

  const annReplies = (conversationId: string, messageId: string, body: string) =>
    ann.push({ kind: 'reply.send', conversationId, messageId, body, basis: { assigneeId: 'ann', status: 'open' } });
  const sentState = (messageId: string) => ann.until(`${messageId} sent`, (events) => deliveriesOf(events, messageId).find((d) => d.state === 'sent'));

  it("puts a customer's direct message in an Instagram conversation of the account's team, and leaves out echoes", async () => {
    const conversation = await customerWrites('Merhaba! Bu ayakkabının 40 numarası var mı?');
    expect(conversation).toMatchObject({ channel: 'instagram', teamId: 'team-a', assigneeId: 'ann', customerName: 'Instagram user …4321' });
    const echo = instagramWebhook(IG, [{ sender: { id: IG }, recipient: { id: IGSID }, timestamp: Date.now(), message: { mid: instagramMid(), text: 'Echo', is_echo: true } }]);
    expect(await fake.deliver(echo, hook())).toBe(200);
    await customerWrites('Last');
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['Merhaba! Bu ayakkabının 40 numarası var mı?', 'Last']);
  });

  it('stores a redelivered message once, once when two deliveries race, and refuses forged or missing signatures', async () => {
    const mid = instagramMid();
    const first = instagramText({ igId: IG, igsid: IGSID, text: 'Once only', mid });
    const conversation = await customerWrites('Once only', first);
    expect(await fake.redeliver(first, hook())).toBe(200);
    const racing = instagramText({ igId: IG, igsid: IGSID, text: 'Raced' });
    expect(await Promise.all([fake.redeliver(racing, hook()), fake.redeliver(racing, hook())])).toEqual([200, 200]);
    expect(await fake.deliver(instagramText({ igId: IG, igsid: IGSID, text: 'Forged' }), { ...hook(), signature: 'forged', retry: once })).toBe(403);
    expect(await fake.deliver(instagramText({ igId: IG, igsid: IGSID, text: 'Unsigned' }), { ...hook(), signature: 'missing', retry: once })).toBe(403);
    await customerWrites('Last');
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['Once only', 'Raced', 'Last']);
    expect(await fake.handshake(scene.webhookUrl, CREDENTIALS.verifyToken, '42')).toEqual({ status: 200, body: '42' });
    expect((await fake.handshake(scene.webhookUrl, 'wrong-verify-token', '42')).status).toBe(403);
  });

  it('sends the reply with the Page token, then shows read for the message read and those before it (Instagram has no delivery receipts)', async () => {
    const conversation = await customerWrites('Do you have size 40?');
    expect(await annReplies(conversation.id, 'ann-1', 'Yes, we do.')).toEqual([]);
    expect(await annReplies(conversation.id, 'ann-2', 'Shall I reserve one?')).toEqual([]);
    await sentState('ann-2');
    expect(fake.sent[0]?.path).toBe('/v23.0/me/messages');
    expect(fake.sent[0]?.headers.authorization).toBe(`Bearer ${CREDENTIALS.pageAccessToken}`);
    expect(fake.sent[0]?.body).toEqual({ recipient: { id: IGSID }, messaging_type: 'RESPONSE', message: { text: 'Yes, we do.' } });
    expect(await annReplies(conversation.id, 'ann-3', 'It is on hold for you.')).toEqual([]);
    await sentState('ann-3');
    // The customer has seen the second reply: the first is read too, the third is not.
    const second = fake.texts()[1]?.id ?? '';
    expect(await fake.deliver(instagramRead({ igId: IG, igsid: IGSID, mid: second }), hook())).toBe(200);
    await ann.until('ann-1 and ann-2 read', (events) => ['ann-1', 'ann-2'].every((id) => deliveriesOf(events, id).some((d) => d.state === 'read')));
    await customerWrites('Great, thanks');
    expect(deliveriesOf(ann.events, 'ann-1').map((d) => d.state)).toEqual(['sent', 'read']);
    expect(deliveriesOf(ann.events, 'ann-3').map((d) => d.state)).toEqual(['sent']);
  });

  it('replies with the HUMAN_AGENT tag after 24 hours, and refuses after 7 days before anything is sent', async () => {
    const lastDay = Date.now() - 30 * HOUR;
    const conversation = await customerWrites('Yesterday', written('Yesterday', lastDay));
    fake.customerWrote(IGSID, lastDay);
    expect(await annReplies(conversation.id, 'ann-tagged', 'Sorry for the wait')).toEqual([]);
    await sentState('ann-tagged');
    expect(fake.sent[0]?.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

    // Another customer, who last wrote 8 days ago.
    const lastWeek = instagramWebhook(IG, [{ sender: { id: '1111111111119999' }, recipient: { id: IG }, timestamp: Date.now() - 8 * 24 * HOUR, message: { mid: instagramMid(), text: 'Last week' } }]);
    expect(await fake.deliver(lastWeek, hook())).toBe(200);
    const old = await ann.until('the second conversation', (events) =>
      events.flatMap((e) => (e.data.type === 'conversation.upserted' && e.data.conversation.customerName === 'Instagram user …9999' ? [e.data.conversation] : []))[0],
    );
    const [refusal] = await annReplies(old.id, 'ann-late', 'Hello again');
    expect(refusal?.message).toMatch(/Instagram lets a business reply within 24 hours .* and a person within 7 days/);
    expect(fake.sent).toHaveLength(1);
  });

  it('refuses a text over 1000 bytes of UTF-8 before sending, and sends one that fits', async () => {
    const conversation = await customerWrites('長いメッセージをください');
    const [refusal] = await annReplies(conversation.id, 'ann-long', '日'.repeat(400));
    expect(refusal).toMatchObject({ code: 'invalid', message: expect.stringMatching(/at most 1000 bytes/) });
    expect(await annReplies(conversation.id, 'ann-fits', '日'.repeat(333))).toEqual([]);
    await sentState('ann-fits');
    expect(fake.texts().map((t) => t.text)).toEqual(['日'.repeat(333)]);
  });

  it('retries a 5xx and a timeout and sends the reply once; a refusal Meta explains marks it not delivered', async () => {
    const conversation = await customerWrites('Hello?');
    fake.respondNext(instagramError.temporary(), { hang: true });
    expect(await annReplies(conversation.id, 'ann-retried', 'Here!')).toEqual([]);
    await sentState('ann-retried');
    expect(fake.sent.map((r) => r.response.status)).toEqual([500, 0, 200]);
    fake.respondNext(instagramError.outsideWindow(), instagramError.userUnavailable());
    expect(await annReplies(conversation.id, 'ann-window', 'One more thing')).toEqual([]);
    expect(await annReplies(conversation.id, 'ann-gone', 'And another')).toEqual([]);
    const failures = await ann.until('both failed', (events) => {
      const found = ['ann-window', 'ann-gone'].map((id) => deliveriesOf(events, id).find((d) => d.state === 'failed'));
      return found.every(Boolean) && found;
    });
    expect(failures.map((d) => d?.failure)).toEqual(['outside-window', 'unavailable']);
    expect(failures[0]?.detail).toContain('Instagram error 10/2534022');
    expect(fake.texts().map((t) => t.text)).toEqual(['Here!']);
  });
});

/** The administrator's "test connection", against the fake alone. */
describe('Instagram connection check', () => {
  let fake: InstagramFake;
  beforeEach(async () => {
    fake = await startInstagramFake({ appSecret: CREDENTIALS.appSecret, accessToken: CREDENTIALS.pageAccessToken, account: { id: IG, name: 'acme.shoes' } });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('checks the connection with the token: the account name, or the refusal', async () => {
    const api = { baseUrl: fake.apiBaseUrl, timeoutMs: 2_000 };
    const credentials = instagramAdapter.credentials.parse(CREDENTIALS);
    expect(await instagramAdapter.checkConnection?.(credentials, api)).toEqual({ ok: true, accountName: 'acme.shoes' });
    expect(await instagramAdapter.checkConnection?.({ ...credentials, pageAccessToken: 'EAAG-wrong-token' }, api)).toMatchObject({ ok: false });
  });
});
