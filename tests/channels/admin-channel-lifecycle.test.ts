import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_PATH, AuditPage } from '../../src-shared/protocol/audit.js';
import { adminChannelPath, adminChannelTestPath, ADMIN_CHANNELS_PATH, ChannelAccountList, ChannelConnectionCheckAnswer } from '../../src-shared/protocol/channels/accounts.js';
import { login } from '../../src-relay/testing/test-relay.js';
import { deliveriesOf, messagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { startTelegramFake, type TelegramFake } from './fakes/telegram/fake.js';
import { telegramTextUpdate } from './fakes/telegram/payloads.js';
import { startWhatsAppFake, type WhatsAppFake } from './fakes/whatsapp/fake.js';

const TELEGRAM = { botToken: '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 'relay-secret-token-0123456789' };
const WHATSAPP = { phoneNumberId: '106540352242922', accessToken: 'EAAG-test-access-token', appSecret: 'test-app-secret-0123', verifyToken: 'verify-token-0123' };
const PUBLIC_URL = 'https://relay.example.com';

/**
 * An administrator looks after connected accounts over the relay's admin API: the webhook URL to
 * paste, a connection test against each fake provider, another team, new credentials, and
 * disconnection (webhooks 404, replies refused, history kept).
 */
describe('messaging accounts, changed, tested and disconnected by an administrator', () => {
  let scene: ChannelRelay;
  let telegram: TelegramFake;
  let whatsapp: WhatsAppFake;
  let ann: TestDesk;
  let root: string;
  let updateId = 1;
  beforeAll(async () => {
    telegram = await startTelegramFake(TELEGRAM);
    whatsapp = await startWhatsAppFake({ ...WHATSAPP, verifiedName: 'Acme Store', displayPhoneNumber: '+49 30 1234567' });
    scene = await startChannelRelay('telegram', TELEGRAM, telegram.apiBaseUrl, { publicUrl: `${PUBLIC_URL}/`, apiBaseUrls: { whatsapp: whatsapp.apiBaseUrl } });
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
    root = (await login(scene.relay.url, 'root@acme.test')).token;
  });
  afterAll(async () => {
    ann.close();
    await scene.close();
    await telegram.close();
    await whatsapp.close();
  });

  const call = async (method: string, path: string, body?: unknown, token = root) => {
    const response = await fetch(scene.relay.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) as Record<string, unknown> & { error?: { message: string } } };
  };
  const account = () => scene.account;
  const testConnection = async (id = account().id) => ChannelConnectionCheckAnswer.parse((await call('POST', adminChannelTestPath(id))).json).check;
  const conversationOf = (desk: TestDesk, customerName: string) =>
    desk.until(`${customerName}'s conversation`, (events) => events.flatMap((e) => (e.data.type === 'conversation.upserted' && e.data.conversation.customerName === customerName ? [e.data.conversation] : []))[0]);
  // The public URL is only shown here: Telegram signs nothing with it, so the fake posts to the relay itself.
  const writes = (chatId: number, firstName: string, text: string) =>
    telegram.deliver(telegramTextUpdate({ updateId: ++updateId, chatId, messageId: updateId, firstName, text }), {
      webhookUrl: scene.relay.url + new URL(scene.webhookUrl).pathname,
      retry: { attempts: 1, delayMs: 0 },
    });

  it('lists each account with the full webhook URL to paste, and the providers this relay connects', async () => {
    const list = ChannelAccountList.parse((await call('GET', ADMIN_CHANNELS_PATH)).json);
    expect(list.publicUrl).toBe(`${PUBLIC_URL}/`);
    expect(list.accounts).toEqual([expect.objectContaining({ id: account().id, status: 'connected', webhookUrl: `${PUBLIC_URL}/channels/telegram/${account().webhookToken}`, disconnectedAt: null })]);
    expect(list.providers).toEqual(expect.arrayContaining([{ provider: 'whatsapp', name: 'WhatsApp', canTest: true }, { provider: 'telegram', name: 'Telegram', canTest: true }]));
  });

  it("tests a Telegram bot with getMe, and says why a replaced token that Telegram does not know fails", async () => {
    expect(await testConnection()).toEqual({ ok: true, accountName: '@acme_support_bot (Acme Support)' });
    expect(telegram.sent.at(-1)).toMatchObject({ method: 'GET', path: `/bot${TELEGRAM.botToken}/getMe` });
    // Only the bot token is replaced: the secret token stays, and webhooks still pass.
    const replaced = await call('PATCH', adminChannelPath(account().id), { credentials: { botToken: '7000000002:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(replaced.status).toBe(200);
    expect(replaced.text).not.toContain('AAAAAAAAAAAAAAAAAAAA');
    const refused = await testConnection();
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('Telegram knows no bot with this token') });
    expect(refused.ok ? '' : refused.error).toContain('Telegram error 401: Unauthorized');
    expect(await writes(71, 'Iryna', 'Still here?')).toBe(200);
    expect((await call('PATCH', adminChannelPath(account().id), { credentials: { secretToken: 'short' } })).json.error?.message).toMatch(/not complete: secretToken/);
    expect((await call('PATCH', adminChannelPath(account().id), { credentials: { botToken: TELEGRAM.botToken } })).status).toBe(200);
    expect(await testConnection()).toMatchObject({ ok: true });
  });

  it('tests a WhatsApp number by reading its phone number id with the access token', async () => {
    const connect = (accessToken: string) => call('POST', ADMIN_CHANNELS_PATH, { provider: 'whatsapp', displayName: 'Acme WhatsApp', teamId: 'team-a', credentials: { ...WHATSAPP, accessToken } });
    const good = (await connect(WHATSAPP.accessToken)).json.account as { id: string; webhookUrl: string };
    expect(good.webhookUrl).toMatch(/^https:\/\/relay\.example\.com\/channels\/whatsapp\/[A-Za-z0-9_-]{32}$/);
    expect(await testConnection(good.id)).toEqual({ ok: true, accountName: 'Acme Store (+49 30 1234567)' });
    expect(whatsapp.sent.at(-1)).toMatchObject({ method: 'GET', path: `/v23.0/${WHATSAPP.phoneNumberId}`, headers: expect.objectContaining({ authorization: `Bearer ${WHATSAPP.accessToken}` }) });
    const expired = (await connect('EAAG-expired-token')).json.account as { id: string };
    expect(await testConnection(expired.id)).toMatchObject({ ok: false, error: expect.stringMatching(/does not take this access token.*WhatsApp error 190/) });
    const wrongNumber = await call('PATCH', adminChannelPath(expired.id), { credentials: { accessToken: WHATSAPP.accessToken, phoneNumberId: '999' } });
    expect(wrongNumber.status).toBe(200);
    expect(await testConnection(expired.id)).toMatchObject({ ok: false, error: expect.stringMatching(/no phone number with this ID.*WhatsApp error 100/) });
    expect(whatsapp.texts()).toEqual([]);
  });

  it('sends conversations that start from now on to the new team; open ones stay with theirs', async () => {
    expect(await writes(81, 'Olena', 'Hello')).toBe(200);
    const olena = await conversationOf(ann, 'Olena');
    expect((await call('PATCH', adminChannelPath(account().id), { teamId: 'nope' })).json.error?.message).toContain("company's teams");
    const moved = await call('PATCH', adminChannelPath(account().id), { teamId: 'team-b', displayName: 'Acme bot (Japan)' });
    expect(moved.json.account).toMatchObject({ teamId: 'team-b', displayName: 'Acme bot (Japan)' });
    const cid = await TestDesk.signIn(scene.relay.url, 'cid@acme.test');
    expect(await writes(82, 'Kenji', 'こんにちは')).toBe(200);
    expect(await conversationOf(cid, 'Kenji')).toMatchObject({ teamId: 'team-b', channel: 'telegram' });
    cid.close();
    expect(await writes(81, 'Olena', 'Again')).toBe(200);
    await ann.until("Olena's second message", (events) => messagesOf(events, olena.id).some((m) => m.body === 'Again'));
    expect(olena.teamId).toBe('team-a');
  });

  it('disconnects: webhooks answer 404, replies are refused, the history stays and nothing more is sent', async () => {
    const olena = await conversationOf(ann, 'Olena');
    expect(await ann.push({ kind: 'reply.send', conversationId: olena.id, messageId: 'ann-before', body: 'On its way', basis: { assigneeId: 'ann', status: 'open' } })).toEqual([]);
    await ann.until('the reply sent', (events) => deliveriesOf(events, 'ann-before').some((d) => d.state === 'sent'));
    const sentBefore = telegram.texts().length;
    const gone = await call('DELETE', adminChannelPath(account().id));
    expect(gone.json.account).toMatchObject({ status: 'disconnected', disconnectedAt: expect.any(Number) });
    expect(await writes(81, 'Olena', 'Anyone?')).toBe(404);
    const [refusal] = await ann.push({ kind: 'reply.send', conversationId: olena.id, messageId: 'ann-after', body: 'Hello?', basis: { assigneeId: 'ann', status: 'open' } });
    expect(refusal?.message).toContain('disconnected the Telegram account "Acme bot (Japan)"');
    expect(await testConnection()).toMatchObject({ ok: false, error: expect.stringContaining('disconnected') });
    expect((await call('PATCH', adminChannelPath(account().id), { teamId: 'team-b' })).status).toBe(409);
    expect((await call('DELETE', adminChannelPath(account().id))).json.account).toEqual(gone.json.account);
    const listed = ChannelAccountList.parse((await call('GET', ADMIN_CHANNELS_PATH)).json).accounts.find((a) => a.id === account().id);
    expect(listed).toMatchObject({ status: 'disconnected' });
    // A desk that signs in afresh still reads the whole conversation.
    const again = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
    expect(await again.until('the history', (events) => messagesOf(events, olena.id).map((m) => m.body).join('|') || false)).toBe('Hello|Again|On its way');
    again.close();
    expect(telegram.texts()).toHaveLength(sentBefore);

    // The account's story is in the audit log: connected (by the scene, as the system), changed by
    // the administrator, disconnected once; never a credential.
    const audit = AuditPage.parse((await call('GET', `${AUDIT_PATH}?limit=200`)).json).entries.filter((e) => e.target?.id === account().id);
    expect(audit.map((e) => e.action)).toEqual(['channel.disconnected', 'channel.changed', 'channel.changed', 'channel.changed', 'channel.connected']);
    expect(audit.slice(0, 4).every((e) => e.actorId === 'root')).toBe(true);
    expect(audit[1]?.details).toEqual({ displayName: 'Acme bot (Japan)', fields: ['displayName', 'teamId'], teamId: 'team-b' });
    expect(JSON.stringify(audit)).not.toMatch(/AAHdq|AAAAAAAA|relay-secret-token/);
  });

  it('refuses agents and accounts it does not know', async () => {
    const { token } = await login(scene.relay.url, 'ann@acme.test');
    expect((await call('DELETE', adminChannelPath(account().id), undefined, token)).status).toBe(403);
    expect((await call('POST', adminChannelTestPath(account().id), undefined, token)).status).toBe(403);
    expect((await call('PATCH', adminChannelPath('no-such-account'), { teamId: 'team-a' })).status).toBe(404);
    expect((await call('PATCH', adminChannelPath('no-such-account'), {})).status).toBe(404);
    expect((await call('PATCH', adminChannelPath(account().id), {})).json.error?.message).toContain('Nothing to change');
  });
});
