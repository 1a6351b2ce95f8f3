import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelRuntime, type ChannelSettings } from '../../src-relay/channels/channel-runtime.js';
import { connectChannelAccount } from '../../src-relay/channels/channel-accounts.js';
import { CredentialBox } from '../../src-relay/channels/credential-box.js';
import { SocketClient } from '../../src-relay/testing/socket-client.js';
import { ACME, login, seedDatabase, tempSqliteFile, testCore } from '../../src-relay/testing/test-relay.js';
import { RelayFrame, SYNC_PATH, type SyncEvent } from '../../src-shared/protocol/sync.js';
import { deliveriesOf, messagesOf, TestDesk } from '../channels/channel-relay.js';
import { startLineFake, type LineFake } from '../channels/fakes/line/fake.js';
import { lineText, lineUserId } from '../channels/fakes/line/payloads.js';
import { startWhatsAppFake, type WhatsAppFake } from '../channels/fakes/whatsapp/fake.js';
import { wamid, whatsAppTextMessage } from '../channels/fakes/whatsapp/payloads.js';
import { waitFor } from '../support/wait.js';
import type { ChannelRelayConfig } from './support/channel-relay-process.js';
import { RelayProcess } from './support/relay-process.js';
import { freePort } from '../support/processes.js';

const SCRIPT = path.resolve('tests/fault/support/channel-relay-process.ts');
const WHATSAPP = { phoneNumberId: '106540352242922', accessToken: 'EAAG-test-access-token', appSecret: 'test-app-secret-0123', verifyToken: 'verify-token-0123' };
const LINE = { channelSecret: '8c570fa6dd201bb328f1c1eac23a96d8', channelAccessToken: 'line-channel-access-token-0123456789' };
const BOT = 'U' + 'b'.repeat(32);
const WA_CUSTOMERS = ['4915112345678', '5511987654321'];
const LINE_CUSTOMERS = [lineUserId(), lineUserId()];
/** A provider call is given 10 s: far longer than the test waits before the kill, so the sends are still in flight. */
const SETTINGS: ChannelSettings = { sendIntervalMs: 30, retryBaseMs: 30, retryMaxMs: 200, timeoutMs: 10_000, maxAttempts: 5 };
/** A claim lasts timeoutMs + 60 s (send-queue.ts); the relay that comes back has a clock this far ahead, so the claims its predecessor held have lapsed. */
const LATER_MS = 90_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SendRow {
  message_id: string;
  state: string;
  channel_delivery: string | null;
}

/** kill -9 of a relay with WhatsApp and LINE accounts while the providers retry webhooks and while replies are on their way out. */
/** The conversation on `channel` of the customer whose shown name ends with `tail`, as the desk heard it. */
function conversationOf(events: readonly SyncEvent[], channel: string, tail: string) {
  for (const e of events) if (e.data.type === 'conversation.upserted' && e.data.conversation.channel === channel && e.data.conversation.customerName.endsWith(tail)) return e.data.conversation;
  return undefined;
}

/** Pushes `bodies` as one frame from a desk of Ann's own, and returns the ack's rejections. */
async function pushReplies(relayUrl: string, bodies: Record<string, unknown>[]): Promise<unknown[]> {
  const { token } = await login(relayUrl, 'ann@acme.test');
  const socket = await SocketClient.open(relayUrl.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
  try {
    socket.send({ type: 'hello', token, clientId: 'ann-batch-desk' });
    await socket.expect('welcome', []);
    socket.send({ type: 'push', mutations: bodies.map((body, i) => ({ mutationId: i + 1, createdAt: Date.now(), body })) });
    for (;;) {
      const frame = await socket.next();
      if (frame.type === 'ack') return frame.rejections;
    }
  } finally {
    socket.close();
  }
}

describe('fault: the relay is killed mid-webhook and mid-send', () => {
  let file: { dbPath: string; remove(): void };
  let port: number;
  let config: ChannelRelayConfig;
  /** The accounts' webhook addresses: the same port after each restart, as the provider's console has them. */
  let webhook: { whatsapp: string; line: string };
  let relay: RelayProcess | null = null;
  let whatsApp: WhatsAppFake;
  let line: LineFake;
  const desks: TestDesk[] = [];

  const start = async (clockOffsetMs = 0) => {
    relay = await RelayProcess.start(file.dbPath, port, { demo: false, script: SCRIPT, env: { CHANNEL_RELAY: JSON.stringify({ ...config, clockOffsetMs }) } });
    return relay;
  };
  const signIn = async () => {
    const desk = await TestDesk.signIn(relay!.url, 'ann@acme.test');
    desks.push(desk);
    return desk;
  };

  beforeEach(async () => {
    whatsApp = await startWhatsAppFake(WHATSAPP);
    line = await startLineFake({ ...LINE, botUserId: BOT, retry: { attempts: 3, delayMs: 20 } });
    file = tempSqliteFile();
    await seedDatabase(file.dbPath, ACME);
    const secretsKey = randomBytes(32);
    const core = testCore(file.dbPath);
    const paths: Record<string, string> = {};
    try {
      for (const [provider, credentials] of [['whatsapp', WHATSAPP], ['line', LINE]] as const) {
        const runtime = new ChannelRuntime(CredentialBox.withKey(secretsKey));
        const connected = await connectChannelAccount(core, runtime, { tenantId: 'acme', provider, displayName: `Acme on ${provider}`, teamId: 'team-a', credentials });
        if (!connected.ok) throw new Error(connected.message);
        paths[provider] = connected.webhookPath;
      }
    } finally {
      await core.store.close();
    }
    port = await freePort();
    config = { secretsKeyHex: secretsKey.toString('hex'), settings: { ...SETTINGS, apiBaseUrls: { whatsapp: whatsApp.apiBaseUrl, line: line.apiBaseUrl } } };
    webhook = { whatsapp: `http://127.0.0.1:${port}${paths.whatsapp}`, line: `http://127.0.0.1:${port}${paths.line}` };
  });

  afterEach(async () => {
    for (const desk of desks.splice(0)) desk.close();
    await relay?.kill();
    relay = null;
    await whatsApp.close();
    await line.close();
    file.remove();
  });

  const waText = (from: string, body: string, id = wamid()) => whatsAppTextMessage({ phoneNumberId: WHATSAPP.phoneNumberId, from, name: `Customer ${from.slice(-4)}`, body, id });

  /** What the relay's database holds, read beside it (SQLite readers do not block the relay). */
  function query<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(file.dbPath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  it('stores every retried webhook once, and sends every reply at most once (LINE exactly once), none left queued', async () => {
    await start();
    let ann = await signIn();

    // Each customer writes once with the relay up, so their conversations are Ann's.
    const conversations = new Map<string, string>();
    for (const customer of LINE_CUSTOMERS) {
      expect(await line.deliver(lineText({ botUserId: BOT, userId: customer, text: `hello from ${customer}` }), { webhookUrl: webhook.line })).toBe(200);
      const c = await ann.until(`the LINE conversation of ${customer}`, (events) => conversationOf(events, 'line', customer.slice(-6)));
      expect(c.assigneeId).toBe('ann');
      conversations.set(customer, c.id);
    }
    for (const customer of WA_CUSTOMERS) {
      expect(await whatsApp.deliver(waText(customer, `hello from ${customer}`), { webhookUrl: webhook.whatsapp })).toBe(200);
      const c = await ann.until(`the WhatsApp conversation of ${customer}`, (events) => conversationOf(events, 'whatsapp', customer.slice(-4)));
      expect(c.assigneeId).toBe('ann');
      conversations.set(customer, c.id);
    }

    // 1. A batch of WhatsApp messages under Meta's retries; the relay is killed while they arrive.
    const batch = WA_CUSTOMERS.flatMap((customer) => Array.from({ length: 15 }, (_, i) => ({ customer, body: `${customer} #${i}`, id: wamid() })));
    // They arrive over about half a second, so the kill lands while most are still to come, however fast the relay takes them.
    const delivering = Promise.all(
      batch.map(async (m, i) => {
        await sleep(i * 15);
        return whatsApp.deliver(waText(m.customer, m.body, m.id), { webhookUrl: webhook.whatsapp, retry: { attempts: 100, delayMs: 100 } });
      }),
    );
    await waitFor('some of the batch taken', () => whatsApp.deliveries.filter((d) => d.status === 200).length >= 6);
    await relay!.kill();
    ann.close();
    await sleep(500); // the provider keeps retrying into a dead address
    await start();
    expect(await delivering).toEqual(batch.map(() => 200));
    expect(whatsApp.deliveries.some((d) => d.status !== 200), 'some deliveries failed and were retried').toBe(true);
    // And Meta redelivers each one once more, as it may after any outage.
    for (const m of batch) expect(await whatsApp.redeliver(waText(m.customer, m.body, m.id), { webhookUrl: webhook.whatsapp })).toBe(200);
    const stored = query<{ body: string; n: number }>("SELECT body, COUNT(*) AS n FROM messages WHERE author = 'customer' AND body LIKE '% #%' GROUP BY body ORDER BY body");
    expect(stored).toEqual(batch.map((m) => ({ body: m.body, n: 1 })).sort((a, b) => a.body.localeCompare(b.body)));
    ann = await signIn();
    for (const customer of WA_CUSTOMERS) {
      const expected = batch.filter((m) => m.customer === customer).map((m) => m.body);
      const heard = await ann.until(`the batch of ${customer} at Ann`, (events) => {
        const bodies = messagesOf(events, conversations.get(customer)!).map((m) => m.body);
        return expected.every((b) => bodies.includes(b)) && bodies;
      });
      expect(heard.filter((b) => b.includes(' #')).sort()).toEqual([...expected].sort());
    }

    // 2. Two replies to each customer; the providers hold the first ones' answers, the relay is killed mid-send.
    for (const customer of WA_CUSTOMERS) {
      whatsApp.respondNext({ status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: customer, wa_id: customer }], messages: [{ id: wamid() }] }, delayMs: 8_000 });
    }
    line.respondNext({ hang: true }, { hang: true }); // LINE took them; the answer never comes
    const replies = [...WA_CUSTOMERS, ...LINE_CUSTOMERS].flatMap((customer) => [1, 2].map((n) => ({ customer, id: `reply-${n}-${customer.slice(-6)}`, body: `Reply ${n} to ${customer}`, first: n === 1 })));
    // One push frame: the relay applies it in one transaction, so the send loop finds every first reply due at once.
    expect(await pushReplies(relay!.url, replies.map((r) => ({ kind: 'reply.send', conversationId: conversations.get(r.customer)!, messageId: r.id, body: r.body, basis: { assigneeId: 'ann', status: 'open' } })))).toEqual([]);
    await waitFor('the first replies in flight', () => whatsApp.sent.length === 2 && line.sent.filter((s) => s.path === '/v2/bot/message/push').length === 2);
    // Only the first reply to each customer was handed over: the second waits behind it.
    expect(whatsApp.sent.map((s) => (s.body as { text?: { body?: string } }).text?.body).sort()).toEqual(replies.filter((r) => r.first && WA_CUSTOMERS.includes(r.customer)).map((r) => r.body).sort());
    await relay!.kill();
    ann.close();
    await start(LATER_MS);
    ann = await signIn();

    // Every reply ends sent or visibly failed; none stays queued.
    const ids = replies.map((r) => r.id);
    const rows = await waitFor(
      'every reply sent or failed',
      () => {
        const found = query<SendRow>(`SELECT s.message_id, s.state, m.channel_delivery FROM channel_sends s JOIN messages m ON m.id = s.message_id WHERE s.message_id IN (${ids.map(() => '?').join(',')})`, ...ids);
        return found.length === ids.length && found.every((r) => r.state === 'sent' || r.state === 'failed') && found;
      },
      20_000,
    );
    const outcome = new Map(rows.map((r) => [r.message_id, { state: r.state, failure: (JSON.parse(r.channel_delivery ?? '{}') as { failure?: string | null }).failure ?? null }]));

    // WhatsApp takes no idempotency key: a send whose answer was lost is shown unconfirmed, never sent again; the one not yet handed over goes once.
    // (Every request the send API got, whatever it answered.)
    const waBodies = whatsApp.sent.filter((s) => s.method === 'POST').map((s) => (s.body as { text?: { body?: string } }).text?.body);
    for (const r of replies.filter((x) => WA_CUSTOMERS.includes(x.customer))) {
      expect(waBodies.filter((b) => b === r.body), r.body).toHaveLength(1);
      expect(outcome.get(r.id), r.body).toEqual(r.first ? { state: 'failed', failure: 'unconfirmed' } : { state: 'sent', failure: null });
    }
    // LINE: the first replies are pushed again under the same X-Line-Retry-Key; LINE answers 409 and shows each once.
    const pushes = line.sent.filter((s) => s.path === '/v2/bot/message/push');
    for (const r of replies.filter((x) => LINE_CUSTOMERS.includes(x.customer))) {
      expect(line.accepted.filter((a) => a.message.text === r.body), r.body).toHaveLength(1);
      expect(outcome.get(r.id), r.body).toEqual({ state: 'sent', failure: null });
      const tries = pushes.filter((s) => JSON.stringify(s.body).includes(JSON.stringify(r.body)));
      expect(tries.map((s) => s.response.status), r.body).toEqual(r.first ? [0, 409] : [200]);
      expect(new Set(tries.map((s) => s.headers['x-line-retry-key'])).size, r.body).toBe(1);
    }
    // The agent sees each outcome on her message.
    for (const r of replies) {
      const shown = await ann.until(`the outcome of ${r.id} at Ann`, (events) => deliveriesOf(events, r.id).find((d) => d.state !== 'queued'));
      expect({ state: shown.state, failure: shown.failure }, r.id).toEqual(outcome.get(r.id));
    }
  });
});
