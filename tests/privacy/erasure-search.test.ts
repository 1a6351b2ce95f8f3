import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workstation } from '../../src-main/core/workstation.js';
import { connectChannelAccount } from '../../src-relay/channels/channel-accounts.js';
import { ChannelRuntime } from '../../src-relay/channels/channel-runtime.js';
import { CredentialBox } from '../../src-relay/channels/credential-box.js';
import { pdfFile, pngFile } from '../../src-relay/files/testing/sample-files.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { ACME, login, seedDatabase, tempDatabase, testCore, TEST_PASSWORD, type TempDatabase } from '../../src-relay/testing/test-relay.js';
import { ACME_TWILIO, postWebhook } from '../../src-relay/testing/twilio-webhooks.js';
import { postgresAvailable } from '../../src-node/testing/postgres-schema.js';
import { TEST_CHANNEL_SETTINGS } from '../channels/channel-relay.js';
import { startTelegramFake, type TelegramFake } from '../channels/fakes/telegram/fake.js';
import { telegramTextUpdate } from '../channels/fakes/telegram/payloads.js';
import { startWhatsAppFake, type WhatsAppFake } from '../channels/fakes/whatsapp/fake.js';
import { whatsAppMediaMessage, whatsAppTextMessage } from '../channels/fakes/whatsapp/payloads.js';
import { CaptureSmtp } from '../email/capture-smtp.js';
import { connectMailbox, mailboxCredentials } from '../email/email-test-relay.js';
import { waitFor } from '../support/wait.js';
import { WebchatCustomer } from '../support/webchat-customer.js';
import { fileTraces, postgresTraces, sqliteTables, sqliteTraces, type Needles, type Trace } from './support/trace-search.js';

const WHATSAPP = { phoneNumberId: '106540352242922', accessToken: 'EAAG-test-access-token', appSecret: 'test-app-secret-0123', verifyToken: 'verify-token-0123' };
const BOT = { botToken: '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 'relay-secret-token-0123456789' };

/** Who Kim is, everywhere she wrote from. */
const KIM = {
  name: 'Kim Weberova',
  phone: '4915112349876',
  email: 'kim.weberova@example.net',
  telegramId: 7_700_123_456,
  mailMessageId: '<parcel-kw-20261206@mail.example.net>',
  whatsAppMediaId: '880011223344',
  phrase: 'zebrafinch parcel never came',
  /** Written without spaces: the desk indexes it as character pairs (messages_grams). */
  unspaced: '斑胸草雀的包裹',
  /** In an agent's reply translated for her: the body she received, beside the agent's own words. */
  translated: 'Zebrafinkenpaket',
};

/**
 * What the relay keeps of an erased customer, and why: never a value that names them, only ids
 * the relay made up (the customer's UUID, the conversations' ids) in these places.
 */
const KEPT_IDS: Record<string, string> = {
  erasures: 'the record of the request (GDPR art. 5(2), accountability): who asked, when, how much went; the customer by their opaque id',
  erased_conversations: "tombstones (id and time): a desk's late reply to an erased conversation is refused as erased instead of \"not found\"",
  events: 'one conversation.erased event per conversation (its id only): how every desk, even one offline for weeks, learns to drop its copy',
  audit_log: 'the customer.erased entry (customer id, counts) in the hash chain, which cannot be rewritten without breaking it',
};

/** What a desk keeps of an erased conversation, and why. */
const DESK_KEPT_IDS: Record<string, string> = {
  notices: 'the notice "a conversation you held was erased" (its id, no name): the agent is told why it vanished',
};

const storages = [
  { name: 'SQLite', storage: 'sqlite' as const, available: true },
  { name: 'PostgreSQL', storage: 'postgres' as const, available: await postgresAvailable() },
];

describe.each(storages)('erasure leaves no trace of the customer ($name)', ({ storage, available }) => {
  let dir: string;
  let database: TempDatabase;
  let relay: RunningRelay;
  let whatsApp: WhatsAppFake;
  let telegram: TelegramFake;
  let capture: CaptureSmtp;
  let desk: Workstation;
  let webchat: WebchatCustomer;
  const png = pngFile(33, 21);
  const pdf = Buffer.concat([pdfFile(), Buffer.from(`\n% ${KIM.name} ${randomBytes(8).toString('hex')}\n`)]);
  const relayFiles = () => path.join(dir, 'relay-files');
  const deskDb = () => path.join(dir, 'sue.sqlite');
  const deskFiles = () => path.join(dir, 'files');
  const needles: Needles = { words: [KIM.name, KIM.phone, KIM.email, String(KIM.telegramId), KIM.mailMessageId.slice(1, -1), KIM.whatsAppMediaId, KIM.phrase, KIM.unspaced, KIM.translated], files: [png, pdf] };
  let customerIds: string[] = [];
  let conversationIds: string[] = [];

  beforeAll(async () => {
    if (!available) return;
    dir = mkdtempSync(path.join(tmpdir(), 'erasure-search-'));
    whatsApp = await startWhatsAppFake(WHATSAPP);
    telegram = await startTelegramFake(BOT);
    capture = await CaptureSmtp.start();
    database = await tempDatabase(storage);
    await seedDatabase(database.dbPath, ACME);
    const core = testCore(database.dbPath);
    const { secretsKey } = await connectMailbox(core, mailboxCredentials(capture.port));
    const runtime = new ChannelRuntime(CredentialBox.withKey(secretsKey));
    const connect = async (provider: string, credentials: unknown) => {
      const connected = await connectChannelAccount(core, runtime, { tenantId: 'acme', provider, displayName: provider, teamId: 'team-a', credentials });
      if (!connected.ok) throw new Error(connected.message);
      return connected.webhookPath;
    };
    const paths = { whatsApp: await connect('whatsapp', WHATSAPP), telegram: await connect('telegram', BOT) };
    await core.store.close();
    relay = await startRelay({
      dbPath: database.dbPath,
      twilio: ACME_TWILIO,
      files: { dir: relayFiles() },
      smtpReceiver: { port: 0, host: '127.0.0.1' },
      channels: { ...TEST_CHANNEL_SETTINGS, secretsKey, apiBaseUrls: { whatsapp: whatsApp.apiBaseUrl, telegram: telegram.apiBaseUrl } },
    });
    desk = Workstation.open({ dbPath: deskDb(), relayUrl: relay.url, filesDir: deskFiles() });
    await desk.handlers['session.login']({ email: 'sue@acme.test', password: TEST_PASSWORD });

    // Kim on every channel: web chat with a photo, WhatsApp with a document still to fetch, Telegram, a mail with a PDF, a call.
    webchat = await WebchatCustomer.start(relay.url, KIM.name, 'en-GB');
    webchat.send(`Hello, my ${KIM.phrase} (${KIM.unspaced}), call me on +${KIM.phone}`);
    await webchat.sendFile(png, 'receipt.png');
    await whatsApp.deliver(whatsAppTextMessage({ phoneNumberId: WHATSAPP.phoneNumberId, from: KIM.phone, name: KIM.name, body: `It is me again: ${KIM.phrase}` }), { webhookUrl: relay.url + paths.whatsApp });
    const media = { phoneNumberId: WHATSAPP.phoneNumberId, from: KIM.phone, name: KIM.name, type: 'document' as const, mediaId: KIM.whatsAppMediaId, mimeType: 'application/pdf', filename: 'passport-scan.pdf' };
    await whatsApp.deliver(whatsAppMediaMessage(media), { webhookUrl: relay.url + paths.whatsApp });
    const update = telegramTextUpdate({ updateId: 1, chatId: KIM.telegramId, messageId: 1, firstName: 'Kim', lastName: 'Weberova', text: `Telegram now: ${KIM.phrase}` });
    await telegram.deliver(update, { webhookUrl: relay.url + paths.telegram });
    await mail();
    const call = { CallSid: 'CA' + randomBytes(16).toString('hex'), From: `+${KIM.phone}`, To: ACME_TWILIO.callerId, FromCountry: 'DE' };
    expect((await postWebhook(relay.url, '/api/voice/twilio/incoming', call)).status).toBe(200);

    // Sue (team A's supervisor) sees all five and says they are one person; her desk keeps the files.
    const conversations = await waitFor('five conversations on the desk', async () => {
      const items = await listed();
      return items.length === 5 && items;
    });
    const [target, ...others] = [...new Set(conversations.map((c) => c.customerId))];
    for (const source of others) await desk.handlers['customers.merge']({ sourceCustomerId: source, targetCustomerId: target! });
    await waitFor('one customer', async () => new Set((await listed()).map((c) => c.customerId)).size === 1);
    customerIds = [target!, ...others];
    conversationIds = conversations.map((c) => c.id);
    // A reply translated into her language: the relay keeps both texts.
    const chat = conversations.find((c) => c.channel === 'webchat')!;
    await desk.handlers['conversations.reply']({ conversationId: chat.id, body: `Hallo ${KIM.name}, Ihr ${KIM.translated} ist unterwegs`, original: { body: `Hello, your parcel is on its way (${KIM.phrase})`, language: 'en' } });
    await waitFor('the translated reply at the relay', () => webchat.fromAgents().some((m) => m.body.includes(KIM.translated)));
    for (const conversation of conversations) {
      const { messages } = await desk.handlers['conversations.get']({ conversationId: conversation.id, before: null, limit: 50 });
      for (const attachment of messages.flatMap((m) => m.attachments ?? [])) await desk.handlers['files.read']({ fileId: attachment.fileId });
    }
  }, 60_000);

  afterAll(async () => {
    if (!available) return;
    webchat?.close();
    await desk?.close();
    await relay?.close();
    await Promise.all([whatsApp?.close(), telegram?.close(), capture?.close(), database?.remove()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const listed = async () => (await desk.handlers['conversations.list']({ status: 'all', cursor: null, limit: 50 })).items;

  async function mail(): Promise<void> {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: relay.smtpPort ?? 0, secure: false, ignoreTLS: true });
    await transport
      .sendMail({
        from: `${KIM.name} <${KIM.email}>`,
        to: 'support@acme.test',
        subject: `My ${KIM.phrase}`,
        messageId: KIM.mailMessageId,
        text: `Dear support, my ${KIM.phrase}. The invoice is attached.\n\n${KIM.name}\n+${KIM.phone}`,
        attachments: [{ filename: 'invoice.pdf', content: pdf, contentType: 'application/pdf' }],
      })
      .finally(() => transport.close());
  }

  /** Rows of the desk's full-text and character-pair indexes that match Kim's words. */
  function indexHits(): { fullText: number; grams: number } {
    const db = new Database(deskDb(), { readonly: true });
    try {
      const fullText = db.prepare("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH '\"zebrafinch\"'").pluck().get() as number;
      const grams = db.prepare(`SELECT count(*) FROM messages_grams WHERE messages_grams MATCH '"斑胸"'`).pluck().get() as number;
      return { fullText, grams };
    } finally {
      db.close();
    }
  }

  const relayTraces = () => (storage === 'sqlite' ? Promise.resolve(sqliteTraces(database.dbPath, needles)) : postgresTraces(database.dbPath, needles));
  const idTraces = (ids: Needles) => (storage === 'sqlite' ? Promise.resolve(sqliteTraces(database.dbPath, ids)) : postgresTraces(database.dbPath, ids));
  const places = (traces: Trace[]) => [...new Set(traces.map((trace) => `${trace.where.split('.')[0]} ← ${trace.needle}`))].sort();

  it.skipIf(!available)('finds Kim everywhere before, and nowhere after, in the relay database, its files, and the desk', async () => {
    // The search can fail: before the erasure every value is found, in the relay and on the desk.
    const before = [...(await relayTraces()), ...fileTraces(relayFiles(), needles)];
    for (const needle of [...needles.words, 'file #1', 'file #2']) expect(before.map((t) => t.needle), needle).toContain(needle);
    const onDesk = [...sqliteTraces(deskDb(), needles), ...fileTraces(deskFiles(), needles)];
    for (const needle of [KIM.name, KIM.phrase, 'file #1', 'file #2']) expect(onDesk.map((t) => t.needle), needle).toContain(needle);
    await waitFor('the desk to index her messages', async () => (await desk.handlers['messages.search']({ query: 'zebrafinch', limit: 20 })).hits.length >= 3);
    expect(indexHits().grams).toBeGreaterThan(0);
    expect(sqliteTables(deskDb())).toEqual(expect.arrayContaining(['messages_fts_data', 'messages_grams_data', 'translations', 'message_insights', 'outbox', 'pending_wrap_ups']));

    const root = await login(relay.url, 'root@acme.test');
    const response = await fetch(`${relay.url}/api/admin/erasures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${root.token}` },
      body: JSON.stringify({ customerId: customerIds[1] }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { conversationIds: string[] }).conversationIds.sort()).toEqual([...conversationIds].sort());
    await waitFor('the desk to drop them', async () => (await listed()).length === 0);

    expect(places(await relayTraces())).toEqual([]);
    expect(places(fileTraces(relayFiles(), needles))).toEqual([]);
    expect(places(sqliteTraces(deskDb(), needles))).toEqual([]);
    expect(places(fileTraces(deskFiles(), needles))).toEqual([]);

    // What is kept names no one: the relay's own ids, in the places listed above with why.
    const ids = await idTraces({ words: [...customerIds, ...conversationIds], files: [] });
    const tables = new Set(ids.map((trace) => trace.where.split('.')[0]!));
    expect([...tables].filter((table) => !(table in KEPT_IDS))).toEqual([]);
    const onDeskIds = sqliteTraces(deskDb(), { words: [...customerIds, ...conversationIds], files: [] });
    expect([...new Set(onDeskIds.map((trace) => trace.where.split('.')[0]!))].filter((table) => !(table in DESK_KEPT_IDS))).toEqual([]);
    // The desk's search indexes answer nothing, read directly (not through the messages they point at).
    expect(indexHits()).toEqual({ fullText: 0, grams: 0 });
  }, 60_000);
});
