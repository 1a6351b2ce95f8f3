import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { Conversation, Message } from '../../src-shared/domain/model.js';
import { Workstation } from '../../src-main/core/workstation.js';
import { seedTenant } from '../../src-relay/demo/seed.js';
import { createRelayCore } from '../../src-relay/relay-core.js';
import { isPostgresUrl, openRelayStorage } from '../../src-relay/storage/open-relay-storage.js';
import { benchDatabase } from './support/bench-database.js';
import { killChildren, nextMessage, spawnTsx, stopChild, track } from './support/children.js';
import { startRelayChild } from './support/relay-child.js';
import { customerHeaders } from './support/customer-address.js';
import { freePort } from '../support/processes.js';

const EVENTS = 100_000;
const BATCH = 10_000;
const PASSWORD = 'bench-password';
const here = path.dirname(fileURLToPath(import.meta.url));
const log = (line: string): void => console.log(`[bench] ${line}`);

function buildRelayDb(dbPath: string): Promise<number> {
  return (async () => {
    const store = await openRelayStorage(dbPath);
    const core = createRelayCore(store, { now: Date.now, tokenTtlMs: 3_600_000, reportError: (where, error) => console.error(where, error) });
    await seedTenant(
      core,
      {
        tenant: { id: 'bench', name: 'Bench' },
        password: PASSWORD,
        teams: [{ id: 'team', name: 'Team', languages: ['en'] }],
        agents: [{ id: 'agent', email: 'agent@bench.test', name: 'Agent', role: 'agent', language: 'en', teams: ['team'] }],
        customers: [{ id: 'cust', name: 'Customer', language: 'en' }],
        conversations: [],
      },
      { logN: 4, r: 8, p: 1 },
    );
    const start = Date.now() - 86_400_000;
    const conversations: Conversation[] = [];
    await core.commit('bench', async (changes) => {
      for (let c = 0; c < 100; c++) {
        const conversation: Conversation = {
          id: `c${c}`, customerId: 'cust', customerName: 'Customer', channel: 'webchat', teamId: 'team', assigneeId: 'agent',
          status: 'open', language: 'en', market: 'US', createdAt: start, updatedAt: start, lastMessageAt: start, lastMessagePreview: '',
        } as Conversation;
        await changes.addConversation(conversation);
        conversations.push(conversation);
      }
    }, start);
    let written = conversations.length;
    let n = 0;
    while (written < EVENTS) {
      const count = Math.min(BATCH, EVENTS - written);
      await core.commit('bench', async (changes) => {
        for (let i = 0; i < count; i++, n++) {
          const conversation = conversations[n % conversations.length] as Conversation;
          const message: Message = { id: `m${n}`, conversationId: conversation.id, author: 'customer', authorId: 'cust', authorName: 'Customer', body: `Hello, this is message number ${n}, where is my order?`, createdAt: changes.at, internal: false };
          await changes.addMessage(message, conversation, null);
        }
      }, start + written);
      written += count;
    }
    await store.close();
    return written;
  })();
}

async function catchUp(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-sync-'));
  let child: ChildProcess | null = null;
  let ws: Workstation | null = null;
  const database = await benchDatabase(dir, 'catchup');
  try {
    const dbPath = database.location;
    const t0 = Date.now();
    const events = await buildRelayDb(dbPath);
    log(`relay database with ${events} events built in ${Date.now() - t0} ms`);
    const started = await startRelayChild(dbPath);
    child = started.child;
    log(`relay child pid ${String(child.pid)} at ${started.url}`);
    ws = await Workstation.open({ dbPath: path.join(dir, 'ws.db'), relayUrl: started.url });
    const lag = monitorEventLoopDelay({ resolution: 1 });
    lag.enable();
    const begin = performance.now();
    await ws.handlers['session.login']({ email: 'agent@bench.test', password: PASSWORD });
    let end = 0;
    const deadline = Date.now() + 120_000;
    let lastLog = Date.now();
    // snapshot() reads every cached message, so it is not polled: the core says 'online' once it
    // has pulled to the relay head, and snapshot() then confirms the cursor once.
    for (;;) {
      if (Date.now() > deadline) throw new Error('catch-up did not finish within 120 s');
      const { connection } = await ws.handlers['session.get']({});
      if (connection.state === 'online') {
        // The clock stops here: snapshot() itself reads every cached message (~0.5 s at 100,000).
        end = performance.now();
        lag.disable();
        if (ws.snapshot().cursor >= events) break;
        lag.enable();
      }
      await new Promise((r) => setTimeout(r, 5));
      if (Date.now() - lastLog > 2000) {
        lastLog = Date.now();
        log(`catching up (${connection.state})`);
      }
    }
    const seconds = (end - begin) / 1000;
    log(`caught up ${events} events in ${seconds.toFixed(2)} s`);
    return { events, catchup_events_per_s: Math.round(events / seconds), catchup_loop_lag_p99_ms: Math.round((lag.percentile(99) / 1e6) * 10) / 10 };
  } finally {
    await ws?.close();
    await stopChild(child);
    await database.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}


// ---------------------------------------------------------------- PouchDB replication

interface PouchDatabase {
  info(): Promise<{ doc_count: number }>;
  close(): Promise<void>;
}
interface PouchStatic {
  new (name: string): PouchDatabase;
  replicate(source: string, target: PouchDatabase, options?: { batch_size?: number; batches_limit?: number }): Promise<{ docs_written: number }>;
}
const requireCjs = createRequire(import.meta.url);
/** Replication batch size: 1000 documents, like one pull page of ours (PouchDB's default is 100). */
const POUCH_BATCH = 1000;


async function waitHttp(url: string, child: ChildProcess, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

async function pouchCatchUp(events: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-pouch-'));
  let child: ChildProcess | null = null;
  let local: PouchDatabase | null = null;
  try {
    const port = await freePort();
    const bin = requireCjs.resolve('pouchdb-server/bin/pouchdb-server');
    // cwd: the temp dir, where pouchdb-server puts its config and log files.
    child = track(spawn(process.execPath, [bin, '--in-memory', '--port', String(port), '--host', '127.0.0.1'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] }));
    const base = `http://127.0.0.1:${port}`;
    await waitHttp(`${base}/`, child, 30);
    const remote = `${base}/bench`;
    const created = await fetch(remote, { method: 'PUT' });
    if (!created.ok) throw new Error(`PUT ${remote}: ${created.status}`);
    const t0 = Date.now();
    const start = Date.now() - 86_400_000;
    for (let n = 0; n < events; n += 5000) {
      const docs = [];
      for (let i = n; i < Math.min(events, n + 5000); i++) {
        docs.push({
          _id: `m${String(i).padStart(6, '0')}`, type: 'message', conversationId: `c${i % 100}`, author: 'customer', authorId: 'cust', authorName: 'Customer',
          body: `Hello, this is message number ${i}, where is my order?`, createdAt: start + i,
        });
      }
      const response = await fetch(`${remote}/_bulk_docs`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs }), signal: AbortSignal.timeout(120_000),
      });
      if (!response.ok) throw new Error(`_bulk_docs: ${response.status}`);
    }
    log(`pouchdb-server (pid ${String(child.pid)}) loaded with ${events} documents in ${Date.now() - t0} ms`);
    const PouchDB = requireCjs('pouchdb-node') as PouchStatic;
    local = new PouchDB(path.join(dir, 'local'));
    const begin = performance.now();
    const replication = PouchDB.replicate(remote, local, { batch_size: POUCH_BATCH });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('PouchDB replication did not finish within 180 s')), 180_000).unref());
    await Promise.race([replication, timeout]);
    const seconds = (performance.now() - begin) / 1000;
    const { doc_count } = await local.info();
    if (doc_count !== events) throw new Error(`PouchDB replicated ${doc_count} of ${events} documents`);
    log(`PouchDB replicated ${doc_count} documents in ${seconds.toFixed(2)} s`);
    return { pouchdb_events_per_s: Math.round(events / seconds), pouchdb_batch_size: POUCH_BATCH };
  } finally {
    await local?.close();
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- live fan-out

const CLIENTS = 500;
const AGENTS = 50; // the others are supervisors of the one team, who see every event
const MESSAGES_PER_S = 200;
const SEND_SECONDS = 12;
/** Each customer socket sends one message every 2 s: within the web chat's budget (a burst of 20, then one per 2 s). */
const CUSTOMER_INTERVAL_MS = 2000;
const CUSTOMERS = (MESSAGES_PER_S * CUSTOMER_INTERVAL_MS) / 1000;

async function buildFanoutDb(dbPath: string): Promise<string[]> {
  const store = await openRelayStorage(dbPath);
  const core = createRelayCore(store, { now: Date.now, tokenTtlMs: 3_600_000, reportError: (where, error) => console.error(where, error) });
  const agents = Array.from({ length: CLIENTS }, (_, i) => ({
    id: `a${i}`, email: `a${i}@bench.test`, name: `Person ${i}`, role: i < AGENTS ? ('agent' as const) : ('supervisor' as const),
    language: 'en', teams: ['team'],
  }));
  await seedTenant(
    core,
    { tenant: { id: 'bench', name: 'Bench' }, password: PASSWORD, teams: [{ id: 'team', name: 'Team', languages: ['en'] }], agents, customers: [], conversations: [] },
    { logN: 4, r: 8, p: 1 },
  );
  await store.close();
  return agents.map((agent) => agent.email);
}

function openCustomer(url: string, i: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/webchat`, { headers: customerHeaders(i) });
    const timer = setTimeout(() => reject(new Error(`customer ${i} got no ready within 20 s`)), 20_000);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', tenant: 'bench', name: `Customer ${i}`, language: 'en' })));
    socket.on('message', (raw: Buffer) => {
      const frame = JSON.parse(raw.toString()) as { type: string; message?: { clientMessageId?: string | null } | string };
      if (frame.type === 'message' && typeof frame.message === 'object') {
        const sentAt = sentAtById.get(frame.message.clientMessageId ?? '');
        if (sentAt !== undefined) {
          echoMs.push(performance.now() - sentAt);
          sentAtById.delete(frame.message.clientMessageId ?? '');
        }
      } else if (frame.type === 'ready') {
        clearTimeout(timer);
        resolve(socket);
      } else if (frame.type === 'error') {
        customerErrors += 1;
        if (customerErrors <= 3) log(`customer ${i}: ${JSON.stringify(frame.message)}`);
      }
    });
    socket.on('error', (error) => reject(error));
  });
}
let customerErrors = 0;
/** When each customer message was sent, until its echo (the committed message) comes back. */
const sentAtById = new Map<string, number>();
const echoMs: number[] = [];

interface ClientsResult {
  type: 'result';
  samples: number;
  frames: number;
  gaps: number;
  closedEarly: number;
  p50: number;
  p99: number;
  max: number;
  startHead: number;
  minCursor: number;
  maxCursor: number;
}

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function fanOut(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-fanout-'));
  let relay: ChildProcess | null = null;
  let clients: ChildProcess | null = null;
  const customers: WebSocket[] = [];
  const database = await benchDatabase(dir, 'fanout');
  try {
    const dbPath = database.location;
    const emails = await buildFanoutDb(dbPath);
    const started = await startRelayChild(dbPath);
    relay = started.child;
    log(`fan-out relay child pid ${String(relay.pid)}; opening ${CUSTOMERS} customer chats`);
    for (let i = 0; i < CUSTOMERS; i += 50) {
      customers.push(...(await Promise.all(Array.from({ length: Math.min(50, CUSTOMERS - i) }, (_, j) => openCustomer(started.url, i + j)))));
    }
    clients = spawnTsx(path.join(here, 'support/fanout-clients.ts'), []);
    log(`clients process pid ${String(clients.pid)}: signing in ${CLIENTS} sync clients (${AGENTS} agents, ${CLIENTS - AGENTS} supervisors)`);
    clients.send({ type: 'start', url: started.url, emails, password: PASSWORD });
    const ready = await nextMessage<{ type: 'ready'; live: number }>(clients, 120);
    log(`${ready.live} sync clients live; customers send ${MESSAGES_PER_S} messages/s for ${SEND_SECONDS} s`);
    const total = MESSAGES_PER_S * SEND_SECONDS;
    const gapMs = 1000 / MESSAGES_PER_S;
    const t0 = performance.now();
    let sent = 0;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const due = Math.min(total, Math.floor((performance.now() - t0) / gapMs) + 1);
        for (; sent < due; sent++) {
          const socket = customers[sent % CUSTOMERS] as WebSocket;
          const clientMessageId = `bench-${String(sent).padStart(6, '0')}`;
          sentAtById.set(clientMessageId, performance.now());
          socket.send(JSON.stringify({ type: 'send', clientMessageId, body: `Hi, where is my order? (message ${sent})` }));
        }
        if (sent >= total || performance.now() - t0 > (SEND_SECONDS + 5) * 1000) {
          clearInterval(tick);
          resolve();
        }
      }, 5);
    });
    const sendSeconds = (performance.now() - t0) / 1000;
    log(`sent ${sent} messages in ${sendSeconds.toFixed(1)} s; ${echoMs.length} committed so far; waiting for the rest`);
    // Every message is committed (its echo is back), then the last deliveries land.
    const drainDeadline = performance.now() + 90_000;
    while (echoMs.length + customerErrors < sent && performance.now() < drainDeadline) await new Promise((r) => setTimeout(r, 50));
    const commitSeconds = (performance.now() - t0) / 1000;
    log(`${echoMs.length} of ${sent} messages committed after ${commitSeconds.toFixed(1)} s`);
    await new Promise((r) => setTimeout(r, 2000));
    clients.send({ type: 'stop' });
    const result = await nextMessage<ClientsResult>(clients, 30);
    log(`fan-out: ${result.samples} deliveries in ${result.frames} frames; p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms; gaps ${result.gaps}, clients cut off ${result.closedEarly}, customer errors ${customerErrors}`);
    log(`clients started at seq ${result.startHead} and ended at seq ${result.minCursor}..${result.maxCursor}`);
    return {
      clients: ready.live,
      messages_per_s: Math.round(sent / sendSeconds),
      /** Messages the relay committed per second, from the first send until the last echo. */
      messages_committed_per_s: Math.round(echoMs.length / commitSeconds),
      customer_send_to_echo_p50_ms: Math.round(pct(echoMs, 50)),
      customer_send_to_echo_p99_ms: Math.round(pct(echoMs, 99)),
      fanout_p50_ms: result.p50,
      fanout_p99_ms: result.p99,
      fanout_max_ms: result.max,
      fanout_deliveries: result.samples,
      fanout_clients_cut_off: result.closedEarly,
      fanout_customer_errors: customerErrors,
    };
  } finally {
    for (const socket of customers) socket.terminate();
    await stopChild(clients);
    await stopChild(relay);
    await database.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- main

const only = process.env.BENCH_ONLY; // 'catchup' | 'pouchdb' | 'fanout', for profiling one part
const watchdog = setTimeout(() => {
  console.error('[bench] the benchmark did not finish within 6 minutes; stopping');
  killChildren();
  process.exit(1);
}, 360_000);
const result: Record<string, unknown> = { events: EVENTS, storage: isPostgresUrl(process.env.RELAY_DATABASE_URL ?? '') ? 'postgres' : 'sqlite' };
if (!only || only === 'catchup') Object.assign(result, await catchUp());
if (!only || only === 'pouchdb') Object.assign(result, await pouchCatchUp(EVENTS));
if (typeof result.catchup_events_per_s === 'number' && typeof result.pouchdb_events_per_s === 'number') {
  result.catchup_vs_pouchdb = Math.round((result.catchup_events_per_s / result.pouchdb_events_per_s) * 100) / 100;
}
if (!only || only === 'fanout') Object.assign(result, await fanOut());
result.node = process.version;
clearTimeout(watchdog);
console.log(JSON.stringify(result));
process.exit(0);
