import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smsAdapter } from '../../src-relay/channels/sms/sms-adapter.js';
import { deliveriesOf, firstConversationOn, messagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { startSmsFake, type SmsFake } from './fakes/sms/fake.js';
import { smsIncoming, twilioError, twilioSid } from './fakes/sms/payloads.js';

const CREDENTIALS = { accountSid: 'AC' + '3'.repeat(32), authToken: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', from: '+15005550006' };
const LUCAS = '+5511987654321';
/** The relay's address as Twilio calls it (behind a proxy); the fake reaches it on loopback. */
const PUBLIC_URL = 'https://relay.acme.test';

/** SMS end to end: the fake Twilio, a relay behind a public address with Acme's number routed to team A, and Ann's desk. */
describe('SMS, end to end against the fake Twilio Programmable Messaging', () => {
  let fake: SmsFake;
  let scene: ChannelRelay;
  let ann: TestDesk;

  beforeEach(async () => {
    fake = await startSmsFake({ ...CREDENTIALS, reach: (url) => url.replace(PUBLIC_URL, scene.relay.url) });
    scene = await startChannelRelay('sms', CREDENTIALS, fake.apiBaseUrl, { publicUrl: PUBLIC_URL });
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  const text = (body: string, messageSid?: string) => smsIncoming({ accountSid: CREDENTIALS.accountSid, from: LUCAS, to: CREDENTIALS.from, body, ...(messageSid ? { messageSid } : {}) });

  async function lucasTexts(body: string, messageSid?: string) {
    expect(await fake.deliver(text(body, messageSid), { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the SMS conversation at Ann', (events) => firstConversationOn(events, 'sms'));
    await ann.until(`"${body}" at Ann`, (events) => messagesOf(events, conversation.id).some((m) => m.body === body));
    return conversation;
  }

  const annReplies = (conversationId: string, messageId: string, body: string) =>
    ann.push({ kind: 'reply.send', conversationId, messageId, body, basis: { assigneeId: 'ann', status: 'open' } });

  async function sentSid(messageId: string): Promise<string> {
    await ann.until(`${messageId} sent`, (events) => deliveriesOf(events, messageId).some((d) => d.state === 'sent'));
    return fake.texts().at(-1)?.id ?? '';
  }

  it("puts a customer's text, signed for the relay's public address, in an SMS conversation of the number's team, and answers empty TwiML", async () => {
    const conversation = await lucasTexts('Olá! Cadê meu pedido?');
    expect(conversation).toMatchObject({ channel: 'sms', teamId: 'team-a', assigneeId: 'ann', customerName: LUCAS, status: 'open' });
    expect(fake.deliveries[0]).toMatchObject({ url: scene.webhookUrl, status: 200, responseBody: '<?xml version="1.0" encoding="UTF-8"?><Response/>' });
    expect(scene.webhookUrl.startsWith(`${PUBLIC_URL}/channels/sms/`)).toBe(true);
    await lucasTexts('Obrigado');
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['Olá! Cadê meu pedido?', 'Obrigado']);
  });

  it('stores a message Twilio delivers again once (same MessageSid), and once when two deliveries race', async () => {
    const sid = twilioSid('SM');
    const conversation = await lucasTexts('Once only', sid);
    expect(await fake.redeliver(text('Once only', sid), { webhookUrl: scene.webhookUrl })).toBe(200);
    const raced = text('Raced');
    expect(await Promise.all([fake.redeliver(raced, { webhookUrl: scene.webhookUrl }), fake.redeliver(raced, { webhookUrl: scene.webhookUrl })])).toEqual([200, 200]);
    expect(await fake.deliver(text('Twice at once'), { webhookUrl: scene.webhookUrl, concurrent: 2 })).toBe(200);
    await lucasTexts('Last');
    expect(messagesOf(ann.events, conversation.id).map((m) => m.body)).toEqual(['Once only', 'Raced', 'Twice at once', 'Last']);
  });

  it('refuses a forged, a missing, or a signature over another address with 403, and writes nothing', async () => {
    await lucasTexts('Before');
    const heard = ann.events.length;
    const once = { attempts: 1, delayMs: 0 };
    expect(await fake.deliver(text('Forged'), { webhookUrl: scene.webhookUrl, signature: 'forged', retry: once })).toBe(403);
    expect(await fake.deliver(text('Unsigned'), { webhookUrl: scene.webhookUrl, signature: 'missing', retry: once })).toBe(403);
    // Signed for the loopback address the relay listens on, not the public one Twilio was given.
    const loopback = scene.webhookUrl.replace(PUBLIC_URL, scene.relay.url);
    expect(await fake.deliver(text('Elsewhere'), { webhookUrl: loopback, retry: once })).toBe(403);
    await lucasTexts('After');
    expect(ann.events.slice(heard).flatMap((e) => (e.data.type === 'message.created' ? [e.data.message.body] : []))).toEqual(['After']);
  });

  it("sends the reply with Basic auth from the account's number, its StatusCallback the account's webhook, and shows delivered, or undelivered with Twilio's reason", async () => {
    const conversation = await lucasTexts('Quando chega?');
    expect(await annReplies(conversation.id, 'ann-1', 'Amanhã de manhã!')).toEqual([]);
    const sid = await sentSid('ann-1');
    const [request] = fake.sent;
    expect(request?.path).toBe(`/2010-04-01/Accounts/${CREDENTIALS.accountSid}/Messages.json`);
    expect(request?.headers.authorization).toBe('Basic ' + Buffer.from(`${CREDENTIALS.accountSid}:${CREDENTIALS.authToken}`).toString('base64'));
    expect(request?.body).toEqual({ To: LUCAS, Body: 'Amanhã de manhã!', From: CREDENTIALS.from, StatusCallback: scene.webhookUrl });
    for (const status of ['sent', 'delivered', 'sent'] as const) expect(await fake.statusCallback(sid, status)).toBe(200);
    await ann.until('the reply delivered', (events) => deliveriesOf(events, 'ann-1').some((d) => d.state === 'delivered'));

    expect(await annReplies(conversation.id, 'ann-2', 'Ainda está aí?')).toEqual([]);
    const second = await sentSid('ann-2');
    expect(await fake.statusCallback(second, 'undelivered', { errorCode: 30003 })).toBe(200);
    const failed = await ann.until('the reply undelivered', (events) => deliveriesOf(events, 'ann-2').find((d) => d.state === 'failed'));
    expect(failed).toMatchObject({ failure: 'undeliverable', detail: 'Twilio error 30003: Unreachable destination handset' });
    // A forged status changes nothing.
    expect(await fake.statusCallback(sid, 'failed', { errorCode: 30007, signature: 'forged' })).toBe(403);
    await lucasTexts('Ok');
    expect(deliveriesOf(ann.events, 'ann-1').map((d) => d.state)).toEqual(['sent', 'delivered']);
  });

  it('refuses a reply over 10 segments before it is stored, counting GSM-7 and UCS-2 as carriers do', async () => {
    const conversation = await lucasTexts('Manda tudo');
    const [gsm] = await annReplies(conversation.id, 'ann-gsm', 'a'.repeat(1531));
    expect(gsm?.message).toMatch(/SMS takes at most 1530 characters/);
    const [ucs2] = await annReplies(conversation.id, 'ann-ucs2', `${'a'.repeat(670)}😀`);
    expect(ucs2?.message).toMatch(/would go as 11 SMS segments and replies here take at most 10: .*such as “😀”.* 67 characters/);
    expect(await annReplies(conversation.id, 'ann-fits', `${'a'.repeat(668)}😀`)).toEqual([]);
    await sentSid('ann-fits');
    expect(fake.sent.map((r) => (r.response.body as { num_segments?: string }).num_segments)).toEqual(['10']);
    expect(messagesOf(ann.events, conversation.id).map((m) => m.id)).not.toContain('ann-gsm');
  });

  it('retries a 5xx, a dropped connection and a timeout, and sends the reply once', async () => {
    const conversation = await lucasTexts('Alô?');
    fake.respondNext({ status: 503, body: { code: 20503, message: 'Service Unavailable', status: 503 } }, { drop: true }, { hang: true });
    expect(await annReplies(conversation.id, 'ann-retried', 'Estou aqui!')).toEqual([]);
    expect(await annReplies(conversation.id, 'ann-next', 'Como posso ajudar?')).toEqual([]);
    await ann.until('both replies sent', (events) => ['ann-retried', 'ann-next'].every((id) => deliveriesOf(events, id).some((d) => d.state === 'sent')));
    expect(fake.sent.map((r) => r.response.status)).toEqual([503, 0, 0, 201, 201]);
    expect(fake.texts().map((t) => t.text)).toEqual(['Estou aqui!', 'Como posso ajudar?']);
    expect(deliveriesOf(ann.events, 'ann-retried').map((d) => d.state)).toEqual(['sent']);
  });

  it('shows a reply to a number that texted STOP as unsubscribed, and one to an invalid number as not reaching the customer', async () => {
    const conversation = await lucasTexts('STOP');
    expect(await annReplies(conversation.id, 'ann-stopped', 'Sorry to see you go')).toEqual([]);
    const stopped = await ann.until('the first failure', (events) => deliveriesOf(events, 'ann-stopped').find((d) => d.state === 'failed'));
    expect(stopped).toMatchObject({ failure: 'unsubscribed', detail: 'Twilio error 21610: Attempt to send to unsubscribed recipient' });
    await lucasTexts('START');
    fake.respondNext(twilioError(21211, `Invalid 'To' Phone Number: ${LUCAS}`));
    expect(await annReplies(conversation.id, 'ann-invalid', 'Welcome back')).toEqual([]);
    const invalid = await ann.until('the second failure', (events) => deliveriesOf(events, 'ann-invalid').find((d) => d.state === 'failed'));
    expect(invalid.failure).toBe('invalid-recipient');
    expect(fake.sent.map((r) => r.response.status)).toEqual([400, 400]);
  });

  it('tests the connection with the Account resource, and says why when the token is wrong', async () => {
    const api = { baseUrl: fake.apiBaseUrl, timeoutMs: 2_000 };
    expect(await smsAdapter.checkConnection?.(CREDENTIALS, api)).toEqual({ ok: true, accountName: 'Fake Twilio account' });
    expect(await smsAdapter.checkConnection?.({ ...CREDENTIALS, authToken: '0'.repeat(32) }, api)).toEqual({ ok: false, error: 'Twilio error 20003: Authenticate' });
  });
});
