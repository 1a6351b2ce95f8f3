import { randomBytes } from 'node:crypto';
import { connectChannelAccount } from '../../src-relay/channels/channel-accounts.js';
import { ChannelRuntime } from '../../src-relay/channels/channel-runtime.js';
import { CredentialBox } from '../../src-relay/channels/credential-box.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { ACME, seedDatabase, tempDatabase, testCore } from '../../src-relay/testing/test-relay.js';
import { TEST_CHANNEL_SETTINGS } from './channel-relay.js';
import { startLineFake, type LineFake } from './fakes/line/fake.js';
import { lineText } from './fakes/line/payloads.js';
import { startTelegramFake, type TelegramFake } from './fakes/telegram/fake.js';
import { telegramTextUpdate } from './fakes/telegram/payloads.js';
import { startWhatsAppFake, type WhatsAppFake } from './fakes/whatsapp/fake.js';
import { whatsAppStatus, whatsAppTextMessage, type WhatsAppStatusName } from './fakes/whatsapp/payloads.js';

export const SALES = { phoneNumberId: '106540352242922', accessToken: 'EAAG-test-access-token', appSecret: 'test-app-secret-0123', verifyToken: 'verify-token-0123' };
export const SUPPORT = { ...SALES, phoneNumberId: '106540352242933' };
const BOT = { botToken: '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 'relay-secret-token-0123456789' };
const LINE = { channelSecret: '8c570fa6dd201bb328f1c1eac23a96d8', channelAccessToken: 'line-channel-access-token-0123456789' };
const LINE_BOT = 'U' + 'b'.repeat(32);
/** Kim Weber's WhatsApp number (wa_id). */
export const KIM = '4915112345678';

/** Acme's relay with two WhatsApp numbers (Sales, Support), a Telegram bot and a LINE account, all answered by team A, against the fakes. */
export interface CustomerScene {
  relay: RunningRelay;
  whatsApp: WhatsAppFake;
  line: LineFake;
  /** Someone writes to the Sales number from their WhatsApp number (wa_id), under their profile name. */
  onWhatsApp(from: string, name: string, body: string): Promise<number>;
  /** Meta's status callback for a message the Sales number sent. */
  whatsAppStatus(messageId: string, to: string, status: WhatsAppStatusName): Promise<number>;
  /** A LINE user writes to the account; LINE tells no phone number. */
  onLine(userId: string, text: string): Promise<number>;
  /** Kim writes to one of the company's WhatsApp numbers; resolves with the webhook's answer status. */
  kimOnWhatsApp(to: 'sales' | 'support', body: string): Promise<number>;
  /** Kim writes to the bot as "Kim Weber"; Telegram tells no number. */
  kimOnTelegram(body: string): Promise<number>;
  close(): Promise<void>;
}

export async function startCustomerScene(): Promise<CustomerScene> {
  const whatsApp: WhatsAppFake = await startWhatsAppFake(SALES);
  const telegram: TelegramFake = await startTelegramFake(BOT);
  const line: LineFake = await startLineFake({ ...LINE, botUserId: LINE_BOT, retry: { attempts: 3, delayMs: 50 } });
  const database = await tempDatabase();
  await seedDatabase(database.dbPath, ACME);
  const secretsKey = randomBytes(32);
  const core = testCore(database.dbPath);
  const runtime = new ChannelRuntime(CredentialBox.withKey(secretsKey));
  const connect = async (provider: string, credentials: unknown) => {
    const connected = await connectChannelAccount(core, runtime, { tenantId: 'acme', provider, displayName: provider, teamId: 'team-a', credentials });
    if (!connected.ok) throw new Error(connected.message);
    return connected.webhookPath;
  };
  const paths = { sales: await connect('whatsapp', SALES), support: await connect('whatsapp', SUPPORT), bot: await connect('telegram', BOT), line: await connect('line', LINE) };
  await core.store.close();
  const relay = await startRelay({ dbPath: database.dbPath, channels: { ...TEST_CHANNEL_SETTINGS, secretsKey, apiBaseUrls: { whatsapp: whatsApp.apiBaseUrl, telegram: telegram.apiBaseUrl, line: line.apiBaseUrl } } });
  let updateId = 0;
  return {
    relay,
    whatsApp,
    line,
    onWhatsApp: (from, name, body) => whatsApp.deliver(whatsAppTextMessage({ phoneNumberId: SALES.phoneNumberId, from, name, body }), { webhookUrl: relay.url + paths.sales }),
    whatsAppStatus: (id, to, status) =>
      whatsApp.deliver(whatsAppStatus({ phoneNumberId: SALES.phoneNumberId, id, recipientId: to, status }), { webhookUrl: relay.url + paths.sales }),
    onLine: (userId, text) => line.deliver(lineText({ botUserId: LINE_BOT, userId, text }), { webhookUrl: relay.url + paths.line }),
    kimOnWhatsApp: (to, body) =>
      whatsApp.deliver(whatsAppTextMessage({ phoneNumberId: (to === 'sales' ? SALES : SUPPORT).phoneNumberId, from: KIM, name: 'Kim Weber', body }), { webhookUrl: relay.url + paths[to] }),
    kimOnTelegram: (body) => {
      updateId += 1;
      const update = telegramTextUpdate({ updateId, chatId: 5_512_345_678, messageId: updateId, firstName: 'Kim', lastName: 'Weber', text: body });
      return telegram.deliver(update, { webhookUrl: relay.url + paths.bot });
    },
    async close() {
      await relay.close();
      await database.remove();
      await whatsApp.close();
      await telegram.close();
      await line.close();
    },
  };
}
