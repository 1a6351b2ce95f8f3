import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_CHANNELS_PATH } from '../../src-shared/protocol/channels/accounts.js';
import { login } from '../../src-relay/testing/test-relay.js';
import { startChannelRelay, type ChannelRelay } from './channel-relay.js';
import { startTelegramFake, type TelegramFake } from './fakes/telegram/fake.js';
import { telegramTextUpdate } from './fakes/telegram/payloads.js';

const WHATSAPP = { phoneNumberId: '106540352242922', accessToken: 'EAAG-test-access-token', appSecret: 'test-app-secret-0123', verifyToken: 'verify-token-0123' };
const TELEGRAM = { botToken: '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 'relay-secret-token-0123456789' };

/** An administrator connects a Telegram bot over HTTP next to the WhatsApp number the relay has. */
describe('messaging accounts, as an administrator manages them', () => {
  let scene: ChannelRelay;
  let fake: TelegramFake;
  beforeAll(async () => {
    fake = await startTelegramFake(TELEGRAM);
    scene = await startChannelRelay('whatsapp', WHATSAPP, 'http://127.0.0.1:9');
  });
  afterAll(async () => {
    await scene.close();
    await fake.close();
  });

  const call = async (email: string, method: 'GET' | 'POST', body?: unknown) => {
    const { token } = await login(scene.relay.url, email);
    const response = await fetch(scene.relay.url + ADMIN_CHANNELS_PATH, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, text, message: (JSON.parse(text) as { error?: { message: string } }).error?.message ?? '' };
  };

  it('connects an account with checked credentials and gives its webhook path, never the credentials', async () => {
    const created = await call('root@acme.test', 'POST', { provider: 'telegram', displayName: 'Acme bot', teamId: 'team-a', credentials: TELEGRAM });
    expect(created.status).toBe(201);
    expect(created.text).not.toContain(TELEGRAM.botToken.split(':')[1]);
    const { account } = JSON.parse(created.text) as { account: { provider: string; webhookPath: string } };
    expect(account).toMatchObject({ provider: 'telegram', webhookPath: expect.stringMatching(/^\/channels\/telegram\/[A-Za-z0-9_-]{32}$/) });
    const listed = await call('root@acme.test', 'GET');
    expect(listed.text).not.toContain(WHATSAPP.accessToken);
    expect((JSON.parse(listed.text) as { accounts: { provider: string }[] }).accounts.map((a) => a.provider)).toEqual(['whatsapp', 'telegram']);
    // The bot's updates now come in at that path.
    const update = telegramTextUpdate({ updateId: 1, chatId: 42, messageId: 1, firstName: 'Olena', text: 'Hi' });
    expect(await fake.deliver(update, { webhookUrl: scene.relay.url + account.webhookPath })).toBe(200);
  });

  it('refuses agents, incomplete credentials, a provider it does not connect and a team of no one', async () => {
    expect((await call('ann@acme.test', 'GET')).status).toBe(403);
    const incomplete = await call('root@acme.test', 'POST', { provider: 'whatsapp', displayName: 'X', teamId: 'team-a', credentials: { phoneNumberId: 'abc' } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.message).toContain('phone number id');
    expect((await call('root@acme.test', 'POST', { provider: 'pager', displayName: 'X', teamId: 'team-a', credentials: {} })).message).toBe('The relay does not connect "pager".');
    expect((await call('root@acme.test', 'POST', { provider: 'telegram', displayName: 'X', teamId: 'nope', credentials: TELEGRAM })).message).toContain("company's teams");
  });
});
