import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workstation } from '../../src-main/core/workstation.js';
import { connectChannelAccount } from '../../src-relay/channels/channel-accounts.js';
import { ChannelRuntime } from '../../src-relay/channels/channel-runtime.js';
import { CredentialBox } from '../../src-relay/channels/credential-box.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { ACME, seedDatabase, tempDatabase, TEST_PASSWORD, testCore, type TempDatabase } from '../../src-relay/testing/test-relay.js';
import { waitFor } from '../support/wait.js';
import { TEST_CHANNEL_SETTINGS } from './channel-relay.js';
import { startTelegramFake, type TelegramFake } from './fakes/telegram/fake.js';
import { telegramTextUpdate } from './fakes/telegram/payloads.js';
import { startWhatsAppFake, type WhatsAppFake } from './fakes/whatsapp/fake.js';
import { whatsAppTextMessage } from './fakes/whatsapp/payloads.js';

const SALES = { phoneNumberId: '106540352242922', accessToken: 'EAAG-test-access-token', appSecret: 'test-app-secret-0123', verifyToken: 'verify-token-0123' };
const SUPPORT = { ...SALES, phoneNumberId: '106540352242933' };
const BOT = { botToken: '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 'relay-secret-token-0123456789' };
const KIM = '4915112345678';

/**
 * One customer across channels, from the provider's webhook to an agent's desk: Kim writes to the
 * company's two WhatsApp numbers, and is one customer with two conversations; then she writes on
 * Telegram, which proves no number, and Ann's desk is offered to merge; Ann merges and unmerges.
 */
describe('one customer across channels, at a real desk', () => {
  let dir: string;
  let database: TempDatabase;
  let relay: RunningRelay;
  let whatsApp: WhatsAppFake;
  let telegram: TelegramFake;
  let webhooks: { sales: string; support: string; bot: string };
  let desk: Workstation;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'one-customer-'));
    whatsApp = await startWhatsAppFake(SALES);
    telegram = await startTelegramFake(BOT);
    database = await tempDatabase();
    await seedDatabase(database.dbPath, ACME);
    const secretsKey = randomBytes(32);
    const core = testCore(database.dbPath);
    const runtime = new ChannelRuntime(CredentialBox.withKey(secretsKey));
    const connect = async (provider: string, credentials: unknown) => {
      const connected = await connectChannelAccount(core, runtime, { tenantId: 'acme', provider, displayName: provider, teamId: 'team-a', credentials });
      if (!connected.ok) throw new Error(connected.message);
      return connected.webhookPath;
    };
    const paths = { sales: await connect('whatsapp', SALES), support: await connect('whatsapp', SUPPORT), bot: await connect('telegram', BOT) };
    await core.store.close();
    relay = await startRelay({ dbPath: database.dbPath, channels: { ...TEST_CHANNEL_SETTINGS, secretsKey, apiBaseUrls: { whatsapp: whatsApp.apiBaseUrl, telegram: telegram.apiBaseUrl } } });
    webhooks = { sales: relay.url + paths.sales, support: relay.url + paths.support, bot: relay.url + paths.bot };
    desk = Workstation.open({ dbPath: path.join(dir, 'ann.sqlite'), relayUrl: relay.url });
    await desk.handlers['session.login']({ email: 'ann@acme.test', password: TEST_PASSWORD });
    await waitFor('Ann online', async () => (await desk.handlers['session.get']({})).connection.state === 'online');
  });
  afterEach(async () => {
    await desk.close();
    await relay.close();
    await database.remove();
    await whatsApp.close();
    await telegram.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const inbox = async () => (await desk.handlers['conversations.list']({ status: 'all', cursor: null, limit: 50 })).items;
  const customer = (customerId: string) => desk.handlers['customers.get']({ customerId });
  const onWhatsApp = (phoneNumberId: string, webhookUrl: string, body: string) =>
    whatsApp.deliver(whatsAppTextMessage({ phoneNumberId, from: KIM, name: 'Kim Weber', body }), { webhookUrl });

  it('links the second WhatsApp number to Kim, suggests her Telegram self, and merges and unmerges at the desk', async () => {
    expect(await onWhatsApp(SALES.phoneNumberId, webhooks.sales, 'Hallo, Vertrieb')).toBe(200);
    const first = await waitFor('the first conversation', async () => (await inbox())[0]);
    expect(await onWhatsApp(SUPPORT.phoneNumberId, webhooks.support, 'Hallo, Support')).toBe(200);
    const both = await waitFor('both WhatsApp conversations, one customer', async () => {
      const shown = await customer(first.customerId);
      return shown.conversations.length === 2 && shown.customer.identities.length === 3 && shown;
    });
    expect(both.customer).toMatchObject({ name: 'Kim Weber', market: 'DE', identities: expect.arrayContaining([{ kind: 'phone', value: `+${KIM}`, verified: true }]) });

    const update = telegramTextUpdate({ updateId: 1, chatId: 5_512_345_678, messageId: 1, firstName: 'Kim', lastName: 'Weber', text: 'Hallo auf Telegram' });
    expect(await telegram.deliver(update, { webhookUrl: webhooks.bot })).toBe(200);
    const onTelegram = await waitFor('the Telegram conversation', async () => (await inbox()).find((c) => c.channel === 'telegram'));
    expect(onTelegram.customerId).not.toBe(first.customerId);
    const suggested = await waitFor('the suggestion at Ann', async () => (await customer(onTelegram.customerId)).suggestions[0]);
    expect(suggested).toMatchObject({ sourceCustomerId: onTelegram.customerId, targetCustomerId: first.customerId, reason: 'name', otherName: 'Kim Weber' });

    await desk.handlers['customers.merge']({ sourceCustomerId: suggested.sourceCustomerId, targetCustomerId: suggested.targetCustomerId });
    const merged = await waitFor('the merge at Ann', async () => {
      const shown = await customer(first.customerId);
      return shown.conversations.length === 3 && !shown.pending && shown;
    });
    expect(merged.conversations.map((c) => c.channel).sort()).toEqual(['telegram', 'whatsapp', 'whatsapp']);
    expect(merged.customer.merges).toMatchObject([{ sourceCustomerId: onTelegram.customerId, byName: 'Ann', conversationIds: [onTelegram.id] }]);
    expect(merged.customer.identities.filter((i) => i.kind === 'channel')).toHaveLength(3);

    await desk.handlers['customers.unmerge']({ mergeId: merged.customer.merges[0]?.id ?? '' });
    await waitFor('the Telegram conversation back with its own customer', async () => (await inbox()).find((c) => c.id === onTelegram.id)?.customerId === onTelegram.customerId);
    expect((await customer(first.customerId)).conversations).toHaveLength(2);
    expect((await customer(onTelegram.customerId)).suggestions).toHaveLength(1);
  });
});
