import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelRuntime } from '../../src-relay/channels/channel-runtime.js';
import { connectChannelAccount } from '../../src-relay/channels/channel-accounts.js';
import { CredentialBox } from '../../src-relay/channels/credential-box.js';
import { pngFile } from '../../src-relay/files/testing/sample-files.js';
import { ACME, seedDatabase, tempSqliteFile, testCore } from '../../src-relay/testing/test-relay.js';
import { firstConversationOn, latestMessagesOf, TestDesk } from '../channels/channel-relay.js';
import { startWhatsAppFake, type WhatsAppFake } from '../channels/fakes/whatsapp/fake.js';
import { wamid, whatsAppMediaMessage } from '../channels/fakes/whatsapp/payloads.js';
import { waitFor } from '../support/wait.js';
import type { ChannelRelayConfig } from './support/channel-relay-process.js';
import { RelayProcess } from './support/relay-process.js';
import { freePort } from '../support/processes.js';

const SCRIPT = path.resolve('tests/fault/support/channel-relay-process.ts');
const WHATSAPP = { phoneNumberId: '106540352242922', accessToken: 'EAAG-test-access-token', appSecret: 'test-app-secret-0123', verifyToken: 'verify-token-0123' };
const KIM = '4915112345678';
/** A download is given 10 s, far longer than the test waits before the kill: the relay dies mid-download. */
const SETTINGS = { sendIntervalMs: 30, retryBaseMs: 30, retryMaxMs: 200, timeoutMs: 10_000, maxAttempts: 5 };
/** A claim lasts 3 × timeoutMs + 2 s (inbound-media.ts); the relay that comes back has a clock this far ahead, so the claim its predecessor held has lapsed. */
const LATER_MS = 60_000;

/** kill -9 of a relay while it downloads a customer's file: the message was stored before, the file comes after the restart. */
describe("fault: the relay is killed while it fetches a customer's file", () => {
  let file: { dbPath: string; remove(): void };
  let port: number;
  let config: ChannelRelayConfig;
  let webhookUrl: string;
  let relay: RelayProcess | null = null;
  let whatsApp: WhatsAppFake;
  const desks: TestDesk[] = [];

  const start = async (clockOffsetMs = 0) => {
    relay = await RelayProcess.start(file.dbPath, port, { demo: false, script: SCRIPT, env: { CHANNEL_RELAY: JSON.stringify({ ...config, clockOffsetMs }) } });
    return relay;
  };

  beforeEach(async () => {
    whatsApp = await startWhatsAppFake(WHATSAPP);
    file = tempSqliteFile();
    await seedDatabase(file.dbPath, ACME);
    const secretsKey = randomBytes(32);
    const core = testCore(file.dbPath);
    try {
      const connected = await connectChannelAccount(core, new ChannelRuntime(CredentialBox.withKey(secretsKey)), { tenantId: 'acme', provider: 'whatsapp', displayName: 'Acme on WhatsApp', teamId: 'team-a', credentials: WHATSAPP });
      if (!connected.ok) throw new Error(connected.message);
      port = await freePort();
      webhookUrl = `http://127.0.0.1:${port}${connected.webhookPath}`;
    } finally {
      await core.store.close();
    }
    config = { secretsKeyHex: secretsKey.toString('hex'), settings: { ...SETTINGS, apiBaseUrls: { whatsapp: whatsApp.apiBaseUrl } } };
  });

  afterEach(async () => {
    for (const desk of desks.splice(0)) desk.close();
    await relay?.kill();
    relay = null;
    await whatsApp.close();
    file.remove();
  });

  function query<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(file.dbPath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  it('keeps the message stored by the webhook and fetches its file after the restart, once', async () => {
    await start();
    const png = pngFile(10, 6);
    const release = whatsApp.media.hold();
    const id = wamid();
    const photo = whatsAppMediaMessage({ phoneNumberId: WHATSAPP.phoneNumberId, from: KIM, name: 'Kim Weber', type: 'image', mediaId: whatsApp.media.add(png, 'image/png'), mimeType: 'image/png', caption: 'Beschädigt', id });
    expect(await whatsApp.deliver(photo, { webhookUrl })).toBe(200);
    await waitFor('the relay downloading', () => whatsApp.media.downloadsAsked >= 1);
    await relay!.kill();
    release();
    expect(query<{ state: string; attempts: number }>('SELECT state, attempts FROM channel_media_fetches')).toEqual([{ state: 'pending', attempts: 1 }]);
    // Meta redelivers after the outage: the message is not stored again.
    await start(LATER_MS);
    expect(await whatsApp.redeliver(photo, { webhookUrl })).toBe(200);
    const ann = await TestDesk.signIn(relay!.url, 'ann@acme.test');
    desks.push(ann);
    const conversation = await ann.until('the conversation', (events) => firstConversationOn(events, 'whatsapp'));
    const fetched = await ann.until('the photo kept', (events) => latestMessagesOf(events, conversation.id).find((m) => m.body === 'Beschädigt' && m.attachments?.length));
    expect(fetched.attachments).toEqual([expect.objectContaining({ name: 'image.png', mediaType: 'image/png', size: png.length })]);
    expect(fetched.pendingFiles).toBeUndefined();
    expect(query("SELECT COUNT(*) AS n FROM messages WHERE author = 'customer'")).toEqual([{ n: 1 }]);
    expect(query<{ state: string; attempts: number }>('SELECT state, attempts FROM channel_media_fetches')).toEqual([{ state: 'kept', attempts: 2 }]);
    expect(whatsApp.media.downloadsAsked).toBe(2);
  });
});
