import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRelayStorage } from '../../src-relay/storage/open-relay-storage.js';
import { BENCH_PASSWORD, BENCH_TENANT, planCompany, seedCompany, type BenchCompany } from './support/bench-company.js';
import { benchDatabase } from './support/bench-database.js';
import type { CustomerPlan, CustomersSent } from './support/chat-customers.js';
import { nextMessage, spawnTsx, stopChild } from './support/children.js';
import { checkDeliveries, type DeskApplied } from './support/delivery-check.js';
import type { DeskClientsResult, DeskPlan } from './support/desk-clients.js';
import { reportLoad } from './support/load-report.js';
import { startRelayChild } from './support/relay-child.js';
import { cpuSecondsOf, onCleanup, runBench } from './support/run-guard.js';

/**
 * `npm run bench -- cluster`: 3 relay nodes on PostgreSQL + NATS, desks of agents and supervisors
 * of 20 teams spread evenly over the nodes, web-chat customers (also spread) sending messages at a
 * steady rate; then the same load on one relay on SQLite. Fan-out is commit -> applied at a sample
 * of desks; every desk's deliveries are checked against the log (lost, duplicated, in order).
 * The last line is one JSON object; the SQLite run's keys start with `sqlite_`.
 *
 * BENCH_DESKS, BENCH_TEAMS, BENCH_RATE, BENCH_SECONDS, BENCH_DESK_PROCESSES, BENCH_SAMPLE_EVERY and
 * BENCH_PUSH_EVERY_MS change the load (for development; the defaults are the issue's); BENCH_ONLY=cluster|sqlite
 * runs one part. RELAY_DATABASE_URL and RELAY_NATS_URL say where PostgreSQL and NATS are.
 */

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const NODES = 3;
const DESKS = envInt('BENCH_DESKS', 2000);
const TEAMS = envInt('BENCH_TEAMS', 20);
const RATE = envInt('BENCH_RATE', 300);
const SECONDS = envInt('BENCH_SECONDS', 15);
const DESK_PROCESSES = envInt('BENCH_DESK_PROCESSES', 2);
/** One in this many agents (and supervisors) of a team decodes every frame, times it, and pushes notes. */
const SAMPLE_EVERY = envInt('BENCH_SAMPLE_EVERY', 20);
const PUSH_EVERY_MS = envInt('BENCH_PUSH_EVERY_MS', 5000);
/** Each customer sends one message every 2 s: the web chat's sustained budget (a burst of 20, then one per 2 s). */
const CUSTOMER_EVERY_S = 2;
const CUSTOMERS = Math.ceil(RATE * CUSTOMER_EVERY_S);
/** After the last commit, how long deliveries get before every desk is checked against the log. */
const SETTLE_MS = 3000;
/** Cluster nodes announce their desks every 2 s. */
const PRESENCE_SETTLE_MS = 3000;
const POSTGRES_URL = process.env.RELAY_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const NATS_URL = process.env.RELAY_NATS_URL || 'nats://127.0.0.1:4222';
const WATCHDOG_MS = 8 * 60_000;

const here = path.dirname(fileURLToPath(import.meta.url));
const benchStart = performance.now();
const log = (line: string): void => console.log(`[bench +${Math.round((performance.now() - benchStart) / 1000)} s] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Kind = 'cluster' | 'sqlite';

/** One storage's relays with every desk signed in and live: ready to be measured. */
interface Prepared {
  kind: Kind;
  location: string;
  urls: string[];
  relays: ChildProcess[];
  deskProcesses: ChildProcess[];
  /** The customers' process once their chats are open. */
  customers: ChildProcess | null;
  company: BenchCompany;
  teardown(): Promise<void>;
}

async function startNodes(kind: Kind, location: string, relays: ChildProcess[]): Promise<string[]> {
  // A subject prefix of this run's own: other relays on the same NATS never hear these pokes.
  const cluster = kind === 'cluster' ? { natsUrl: NATS_URL, subjectPrefix: `bench${process.pid}` } : undefined;
  const started = Promise.all(Array.from({ length: kind === 'cluster' ? NODES : 1 }, () => startRelayChild(location, cluster)));
  const nodes = await started;
  relays.push(...nodes.map((node) => node.child));
  log(`${kind}: relay node(s) at ${nodes.map((n) => `${n.url} (pid ${n.child.pid})`).join(', ')}`);
  return nodes.map((node) => node.url);
}

/** Desk i on node i % nodes, in desk process i % DESK_PROCESSES: every process has desks on every node. */
async function startDesks(kind: Kind, company: BenchCompany, urls: string[], processes: ChildProcess[]): Promise<void> {
  const plans: DeskPlan[] = company.desks.map((desk, i) => ({ agentId: desk.agentId, role: desk.role, email: desk.email, url: urls[i % urls.length]!, sample: desk.sample }));
  processes.push(...Array.from({ length: DESK_PROCESSES }, () => spawnTsx(path.join(here, 'support/desk-clients.ts'), [])));
  const ready = processes.map((child) => nextMessage<{ type: 'ready'; live: number }>(child, 450, 'desk clients'));
  processes.forEach((child, p) => {
    child.send({ type: 'start', desks: plans.filter((_, i) => i % DESK_PROCESSES === p), password: BENCH_PASSWORD, pushEveryMs: PUSH_EVERY_MS });
  });
  const live = (await Promise.all(ready)).reduce((sum, r) => sum + r.live, 0);
  log(`${kind}: ${live} desks live in ${DESK_PROCESSES} processes (pids ${processes.map((c) => c.pid).join(', ')})`);
}

/** Seeds the company, starts the relays, signs every desk in, opens the customers' chats. Whatever fails, what was started is stopped. */
async function prepare(kind: Kind): Promise<Prepared> {
  const dir = mkdtempSync(path.join(tmpdir(), `bench-${kind}-`));
  const removeDir = onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  let removeDatabase = async (): Promise<void> => undefined;
  const load: Prepared = {
    kind, location: '', urls: [], relays: [], deskProcesses: [], customers: null, company: planCompany(TEAMS, DESKS, SAMPLE_EVERY),
    async teardown() {
      await stopChild(load.customers);
      for (const child of load.deskProcesses) await stopChild(child);
      await Promise.all(load.relays.map((child) => stopChild(child)));
      await removeDatabase();
      await removeDir();
    },
  };
  try {
    const database = await benchDatabase(dir, kind, kind === 'cluster' ? POSTGRES_URL : '');
    removeDatabase = onCleanup(() => database.remove());
    load.location = database.location;
    await seedCompany(database.location, load.company);
    log(`${kind}: ${DESKS} desks in ${TEAMS} teams seeded on ${database.storage}`);
    load.urls = await startNodes(kind, database.location, load.relays);
    await startDesks(kind, load.company, load.urls, load.deskProcesses);
    load.customers = await startCustomers(load);
    return load;
  } catch (error) {
    await load.teardown();
    throw error;
  }
}

/** Customer i on node i % nodes, speaking team i % teams's language; resolves once every chat is open. */
async function startCustomers(load: Prepared): Promise<ChildProcess> {
  // Nodes announce their desks every 2 s: after that every node knows every desk, and routes to it.
  await sleep(PRESENCE_SETTLE_MS);
  const plans: CustomerPlan[] = Array.from({ length: CUSTOMERS }, (_, i) => ({ url: load.urls[i % load.urls.length]!, language: load.company.languages[i % TEAMS]! }));
  const child = spawnTsx(path.join(here, 'support/chat-customers.ts'), []);
  const ready = nextMessage<{ type: 'ready'; open: number }>(child, 300, 'customers');
  child.send({ type: 'start', customers: plans, tenant: BENCH_TENANT });
  log(`${load.kind}: ${(await ready).open} customer chats open (pid ${child.pid})`);
  return child;
}

/** The load itself: customers send for SECONDS, then every delivery is checked. */
async function measure(load: Prepared): Promise<Record<string, number | null>> {
  const customers = load.customers!;
  log(`${load.kind}: customers send ${RATE} messages/s for ${SECONDS} s`);
  const relayCpuAtGo = cpuSecondsOf(load.relays.map((r) => r.pid));
  const t0 = performance.now();
  const sentMessage = nextMessage<CustomersSent>(customers, SECONDS + 150, 'customers');
  for (const child of load.deskProcesses) child.send({ type: 'go' });
  customers.send({ type: 'go', rate: RATE, seconds: SECONDS });
  const sent = await sentMessage;
  log(`${load.kind}: sent ${sent.sent} in ${sent.sendSeconds.toFixed(1)} s; ${sent.committed} committed by ${sent.commitSeconds.toFixed(1)} s; ${sent.errors} refused ${sent.firstErrors.join(' | ')}`);
  await sleep(SETTLE_MS);

  const store = await openRelayStorage(load.location);
  try {
    const throughSeq = await store.events.headSeq(BENCH_TENANT);
    const results = load.deskProcesses.map((child) => nextMessage<DeskClientsResult>(child, 60, 'desk clients'));
    const customerCpu = nextMessage<{ type: 'result'; cpuMicros: number }>(customers, 30, 'customers');
    for (const child of [...load.deskProcesses, customers]) child.send({ type: 'stop' });
    const desks = await Promise.all(results);
    const wallSeconds = (performance.now() - t0) / 1000;
    const relayCpuAtStop = cpuSecondsOf(load.relays.map((r) => r.pid));
    const generatorMicros = desks.reduce((sum, d) => sum + d.cpuMicros, 0) + (await customerCpu).cpuMicros;
    const accounts = new Map(load.company.desks.map((desk) => [desk.agentId, desk]));
    const applied: DeskApplied[] = desks.flatMap((d) => d.desks).map((d) => ({ ...d, role: accounts.get(d.agentId)!.role, teamIds: accounts.get(d.agentId)!.teamIds }));
    return reportLoad(
      {
        nodes: load.urls.length,
        teams: TEAMS,
        customers: CUSTOMERS,
        sent,
        desks,
        check: await checkDeliveries(store, BENCH_TENANT, throughSeq, applied),
        throughSeq,
        wallSeconds,
        generatorCpuSeconds: generatorMicros / 1e6,
        relayCpuSeconds: relayCpuAtGo === null || relayCpuAtStop === null ? null : relayCpuAtStop - relayCpuAtGo,
        cores: availableParallelism(),
      },
      (line) => log(`${load.kind}: ${line}`),
    );
  } finally {
    await store.close();
  }
}

/**
 * Signing thousands of desks in costs the relay a presence frame per desk and colleague, so it
 * takes minutes: both storages' desks are signed in, and their customers' chats opened, at once,
 * before either is measured. While the cluster is measured, the SQLite relay, its desks and its
 * customers wait idle (no traffic but the relay's timers and a customer's place in line every 10 s).
 */
async function main(kinds: Kind[]): Promise<Record<string, unknown>> {
  const settled = await Promise.allSettled(kinds.map((kind) => prepare(kind)));
  const prepared = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(prepared.map((load) => load.teardown()));
    throw failed.reason;
  }
  const result: Record<string, unknown> = {};
  for (const load of prepared) {
    try {
      const numbers = await measure(load);
      for (const [key, value] of Object.entries(numbers)) result[load.kind === 'cluster' ? key : `sqlite_${key}`] = value;
    } finally {
      await load.teardown();
    }
  }
  return result;
}

const only = process.env.BENCH_ONLY;
if (only && only !== 'cluster' && only !== 'sqlite') throw new Error('BENCH_ONLY is cluster or sqlite');
await runBench(() => main(only ? [only as Kind] : ['cluster', 'sqlite']), WATCHDOG_MS, benchStart);
