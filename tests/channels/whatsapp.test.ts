import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveriesOf, firstConversationOn, messagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { startWhatsAppFake, type WhatsAppFake } from './fakes/whatsapp/fake.js';
import { wamid, whatsAppError, whatsAppErrorDetails, whatsAppImageMessage, whatsAppStatus, whatsAppTextMessage } from './fakes/whatsapp/payloads.js';

const CREDENTIALS = { phoneNumberId: '106540352242922', accessToken: 'EAAG-test-access-token', appSecret: 'test-app-secret-0123', verifyToken: 'verify-token-0123' };
const KIM = '4915112345678';

/** WhatsApp end to end: the fake Cloud API, a relay with Acme's WhatsApp number routed to team A, and Ann's desk. */
describe('WhatsApp, end to end against the fake Cloud API', () => {
  let fake: WhatsAppFake;
  let scene: ChannelRelay;
  let ann: TestDesk;

  beforeEach(async () => {
    fake = await startWhatsAppFake(CREDENTIALS);
    scene = await startChannelRelay('whatsapp', CREDENTIALS, fake.apiBaseUrl);
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  const text = (body: string, over: { id?: string; timestamp?: string } = {}) =>
    whatsAppTextMessage({ phoneNumberId: CREDENTIALS.phoneNumberId, from: KIM, name: 'Kim Weber', body, ...over });

  /** Kim writes; Ann's desk gets the conversation. */
  async function kimWrites(body: string, over: { id?: string; timestamp?: string } = {}) {
    expect(await fake.deliver(text(body, over), { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the WhatsApp conversation at Ann', (events) => firstConversationOn(events, 'whatsapp'));
    await ann.until(`"${body}" at Ann`, (events) => messagesOf(events, conversation.id).some((m) => m.body === body));
    return conversation;
  }

  async function annReplies(conversationId: string, messageId: string, body: string) {
    return ann.push({ kind: 'reply.send', conversationId, messageId, body, basis: { assigneeId: 'ann', status: 'open' } });
  }

  it("puts a new customer's message in a WhatsApp conversation of the account's team, on the desk of its available agent", async () => {
    const conversation = await kimWrites('Hallo, wo ist meine Bestellung?');
    expect(conversation).toMatchObject({ channel: 'whatsapp', teamId: 'team-a', assigneeId: 'ann', customerName: 'Kim Weber', status: 'open' });
    const [message] = messagesOf(ann.events, conversation.id);
    expect(message).toMatchObject({ author: 'customer', authorName: 'Kim Weber', body: 'Hallo, wo ist meine Bestellung?' });
    // Her next message, even a picture, goes to the same conversation.
    expect(await fake.deliver(whatsAppImageMessage({ phoneNumberId: CREDENTIALS.phoneNumberId, from: KIM, name: 'Kim Weber', caption: 'the parcel' }), { webhookUrl: scene.webhookUrl })).toBe(200);
    // Its file is one the fake does not hold, so the message says so beside the caption.
    await ann.until('the image at Ann', (events) => messagesOf(events, conversation.id).some((m) => m.body === 'the parcel' && m.pendingFiles?.[0]?.state === 'failed'));
    expect(ann.events.filter((e) => e.data.type === 'conversation.upserted').every((e) => e.data.type === 'conversation.upserted' && e.data.conversation.id === conversation.id)).toBe(true);
  });

  it('takes half an emoji as U+FFFD, the same live and pulled later', async () => {
    const conversation = await kimWrites('Danke \uFFFD');
    expect(await fake.deliver(text('und tschüss \uD83D'), { webhookUrl: scene.webhookUrl })).toBe(200);
    const live = await ann.until('the second message live', (events) => messagesOf(events, conversation.id).find((m) => m.body.startsWith('und')));
    expect(live.body).toBe('und tschüss \uFFFD');
    const later = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
    try {
      const pulled = await later.until('the message pulled', (events) => messagesOf(events, conversation.id).find((m) => m.body.startsWith('und')));
      expect(pulled.body).toBe(live.body);
      expect(pulled.id).toBe(live.id);
    } finally {
      later.close();
    }
  });

  it('stores a redelivered message once, and once when two deliveries of it race', async () => {
    const id = wamid();
    const conversation = await kimWrites('Once only', { id });
    expect(await fake.redeliver(text('Once only', { id }), { webhookUrl: scene.webhookUrl })).toBe(200);
    const racing = text('Raced', { id: wamid() });
    expect(await Promise.all([fake.redeliver(racing, { webhookUrl: scene.webhookUrl }), fake.redeliver(racing, { webhookUrl: scene.webhookUrl })])).toEqual([200, 200]);
    await ann.until('the raced message', (events) => messagesOf(events, conversation.id).some((m) => m.body === 'Raced'));
    // A last message proves the desk has heard everything before it.
    await kimWrites('Last');
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['Once only', 'Raced', 'Last']);
  });

  it('refuses a forged or missing signature with 403 and writes nothing; an unknown address is a plain 404', async () => {
    await kimWrites('Before');
    const heard = ann.events.length;
    expect(await fake.deliver(text('Forged'), { webhookUrl: scene.webhookUrl, signature: 'forged', retry: { attempts: 1, delayMs: 0 } })).toBe(403);
    expect(await fake.deliver(text('Unsigned'), { webhookUrl: scene.webhookUrl, signature: 'missing', retry: { attempts: 1, delayMs: 0 } })).toBe(403);
    const elsewhere = scene.webhookUrl.replace(/\/[^/]+$/, '/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(await fake.deliver(text('Lost'), { webhookUrl: elsewhere, retry: { attempts: 1, delayMs: 0 } })).toBe(404);
    expect(await fake.deliver(text('Wrong provider'), { webhookUrl: scene.webhookUrl.replace('/whatsapp/', '/telegram/'), retry: { attempts: 1, delayMs: 0 } })).toBe(404);
    await kimWrites('After');
    const bodies = ann.events.slice(heard).flatMap((e) => (e.data.type === 'message.created' ? [e.data.message.body] : []));
    expect(bodies).toEqual(['After']);
  });

  it("answers Meta's handshake with the challenge only for the verify token", async () => {
    expect(await fake.handshake(scene.webhookUrl, CREDENTIALS.verifyToken, '1158201444')).toEqual({ status: 200, body: '1158201444' });
    expect((await fake.handshake(scene.webhookUrl, 'not-the-token', '1158201444')).status).toBe(403);
  });

  it("sends the agent's reply with the access token and Meta's payload, then shows sent, delivered and read from the status webhooks", async () => {
    const conversation = await kimWrites('Wo ist mein Paket?');
    expect(await annReplies(conversation.id, 'ann-reply-1', 'It left our warehouse today.')).toEqual([]);
    const sent = await ann.until('the reply sent', (events) => deliveriesOf(events, 'ann-reply-1').find((d) => d.state === 'sent'));
    expect(messagesOf(ann.events, conversation.id).find((m) => m.id === 'ann-reply-1')?.channelDelivery?.state).toBe('queued');
    expect(fake.sent).toHaveLength(1);
    const [request] = fake.sent;
    expect(request?.path).toBe(`/v23.0/${CREDENTIALS.phoneNumberId}/messages`);
    expect(request?.headers.authorization).toBe(`Bearer ${CREDENTIALS.accessToken}`);
    expect(request?.body).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: KIM, type: 'text', text: { preview_url: false, body: 'It left our warehouse today.' } });
    expect(sent).toMatchObject({ failure: null });
    const id = fake.texts()[0]?.id ?? '';
    for (const status of ['delivered', 'read', 'delivered'] as const) {
      expect(await fake.deliver(whatsAppStatus({ phoneNumberId: CREDENTIALS.phoneNumberId, id, status, recipientId: KIM }), { webhookUrl: scene.webhookUrl })).toBe(200);
    }
    await ann.until('the reply read', (events) => deliveriesOf(events, 'ann-reply-1').some((d) => d.state === 'read'));
    await kimWrites('Thanks!');
    // A late "delivered" after "read" changes nothing: a state never goes back.
    expect(deliveriesOf(ann.events, 'ann-reply-1').map((d) => d.state)).toEqual(['sent', 'delivered', 'read']);
  });

  it('refuses a reply outside the 24-hour window before it is stored or sent', async () => {
    const yesterday = String(Math.floor(Date.now() / 1000) - 25 * 3600);
    const conversation = await kimWrites('Sent yesterday', { timestamp: yesterday });
    const [refusal] = await annReplies(conversation.id, 'ann-late', 'Sorry for the wait!');
    expect(refusal).toMatchObject({ code: 'invalid' });
    expect(refusal?.message).toMatch(/WhatsApp lets a business reply only within 24 hours/);
    // She writes again: the window opens, and the reply goes.
    await kimWrites('Hello?');
    expect(await annReplies(conversation.id, 'ann-in-time', 'Here we are!')).toEqual([]);
    await ann.until('the reply sent', (events) => deliveriesOf(events, 'ann-in-time').some((d) => d.state === 'sent'));
    expect(messagesOf(ann.events, conversation.id).map((m) => m.id)).not.toContain('ann-late');
    expect(fake.texts().map((t) => t.body)).toEqual(['Here we are!']);
  });

  it('retries a 5xx, a dropped connection and a timeout, sends the reply once, and the next reply after it', async () => {
    const conversation = await kimWrites('Anyone there?');
    fake.respondNext(whatsAppError(131000), { drop: true }, { hang: true });
    expect(await annReplies(conversation.id, 'ann-retried', 'Yes, sorry!')).toEqual([]);
    expect(await annReplies(conversation.id, 'ann-next', 'How can I help?')).toEqual([]);
    await ann.until('both replies sent', (events) => ['ann-retried', 'ann-next'].every((id) => deliveriesOf(events, id).some((d) => d.state === 'sent')));
    expect(fake.sent.map((r) => r.response.status)).toEqual([500, 0, 0, 200, 200]);
    expect(fake.texts().map((t) => t.body)).toEqual(['Yes, sorry!', 'How can I help?']);
    expect(deliveriesOf(ann.events, 'ann-retried').map((d) => d.state)).toEqual(['sent']);
  });

  it("asks Meta again for a status that outruns the relay's record of the send, and applies it once recorded", async () => {
    const conversation = await kimWrites('Quick!');
    const id = wamid();
    fake.respondNext({ status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: KIM, wa_id: KIM }], messages: [{ id }] }, delayMs: 300 });
    expect(await annReplies(conversation.id, 'ann-quick', 'Right away')).toEqual([]);
    await ann.until('the send under way', () => fake.sent.length === 1);
    const failed = whatsAppStatus({ phoneNumberId: CREDENTIALS.phoneNumberId, id, status: 'failed', recipientId: KIM, error: whatsAppErrorDetails(131026) });
    expect(await fake.deliver(failed, { webhookUrl: scene.webhookUrl, retry: { attempts: 20, delayMs: 100 } })).toBe(200);
    expect(fake.deliveries.at(-2)?.status).toBe(503);
    const states = await ann.until('the failure', (events) => deliveriesOf(events, 'ann-quick').some((d) => d.state === 'failed') && deliveriesOf(events, 'ann-quick'));
    expect(states.map((d) => [d.state, d.failure])).toEqual([['sent', null], ['failed', 'undeliverable']]);
  });

  it('marks a reply failed with the reason Meta gives, at once from the send API or later from a status', async () => {
    const conversation = await kimWrites('Please call me');
    fake.respondNext(whatsAppError(131026));
    expect(await annReplies(conversation.id, 'ann-undeliverable', 'Calling you now')).toEqual([]);
    const failed = await ann.until('the reply failed', (events) => deliveriesOf(events, 'ann-undeliverable').find((d) => d.state === 'failed'));
    expect(failed).toMatchObject({ failure: 'undeliverable', detail: expect.stringContaining('131026') });
    expect(fake.sent).toHaveLength(1);

    expect(await annReplies(conversation.id, 'ann-later', 'Or write to us here')).toEqual([]);
    await ann.until('the second reply sent', (events) => deliveriesOf(events, 'ann-later').some((d) => d.state === 'sent'));
    const id = fake.texts().at(-1)?.id ?? '';
    const status = whatsAppStatus({ phoneNumberId: CREDENTIALS.phoneNumberId, id, status: 'failed', recipientId: KIM, error: whatsAppErrorDetails(131047) });
    expect(await fake.deliver(status, { webhookUrl: scene.webhookUrl })).toBe(200);
    const late = await ann.until('the status failure', (events) => deliveriesOf(events, 'ann-later').find((d) => d.state === 'failed'));
    expect(late).toMatchObject({ failure: 'outside-window', detail: expect.stringContaining('24 hours') });
  });
});
