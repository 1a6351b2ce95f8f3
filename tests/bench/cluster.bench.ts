import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRelayStorage } from '../../src-relay/storage/open-relay-storage.js';
import { BENCH_PASSWORD, BENCH_TENANT, planCompany, seedCompany, type BenchCompany } from './support/bench-company.js';
import { benchDatabase } from './support/bench-database.js';
import type { CustomerPlan, CustomersSent } from './support/chat-customers.js';
import { killChildren, nextMessage, spawnTsx, stopChild } from './support/children.js';
import { checkDeliveries, type DeskApplied } from './support/delivery-check.js';
import type { DeskClientsResult, DeskPlan } from './support/desk-clients.js';
import { LatencyHistogram } from './support/latency-histogram.js';
import { startRelayChild } from './support/relay-child.js';

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
/** Nodes announce their desks every 2 s: by then each node knows every desk, and routes to it. */
const PRESENCE_SETTLE_MS = 3000;
const POSTGRES_URL = process.env.RELAY_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const NATS_URL = process.env.RELAY_NATS_URL || 'nats://127.0.0.1:4222';
const WATCHDOG_MS = 8 * 60_000;

const here = path.dirname(fileURLToPath(import.meta.url));
const log = (line: string): void => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number | null, digits = 0): number | null => (value === null || !Number.isFinite(value) ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/** What must happen however the run ends: schemas dropped, temp dirs removed. */
const cleanups = new Set<() => Promise<void>>();
function onCleanup(cleanup: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  const once = () => (done ??= cleanup().catch((error: unknown) => console.error('[bench] cleanup failed:', error)));
  cleanups.add(once);
  return async () => {
    await once();
    cleanups.delete(once);
  };
}
async function abort(reason: string): Promise<never> {
  console.error(`[bench] ${reason}; stopping everything`);
  killChildren();
  await Promise.race([Promise.all([...cleanups].map((cleanup) => cleanup())), sleep(15_000)]);
  process.exit(1);
}
const watchdog = setTimeout(() => void abort(`the benchmark did not finish within ${WATCHDOG_MS / 60_000} minutes`), WATCHDOG_MS);
process.once('SIGINT', () => void abort('interrupted'));
process.once('SIGTERM', () => void abort('terminated'));

/** CPU seconds a process used so far, from /proc (the relays are not ours to ask); null elsewhere. */
function cpuSecondsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
const sumCpu = (pids: (number | undefined)[]): number | null => {
  const values = pids.map(cpuSecondsOf);
  return values.some((v) => v === null) ? null : values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
};

interface Load {
  kind: 'cluster' | 'sqlite';
  location: string;
  urls: string[];
  relays: ChildProcess[];
  company: BenchCompany;
}

/** Desk i on node i % nodes, in desk process i % DESK_PROCESSES: every process has desks on every node. */
async function startDesks(load: Load): Promise<ChildProcess[]> {
  const plans: DeskPlan[] = load.company.desks.map((desk, i) => ({ agentId: desk.agentId, role: desk.role, email: desk.email, url: load.urls[i % load.urls.length]!, sample: desk.sample }));
  const processes = Array.from({ length: DESK_PROCESSES }, () => spawnTsx(path.join(here, 'support/desk-clients.ts'), []));
  processes.forEach((child, p) => {
    child.send({ type: 'start', desks: plans.filter((_, i) => i % DESK_PROCESSES === p), password: BENCH_PASSWORD, pushEveryMs: PUSH_EVERY_MS });
  });
  const ready = await Promise.all(processes.map((child) => nextMessage<{ type: 'ready'; live: number }>(child, 420, 'desk clients')));
  log(`${ready.reduce((sum, r) => sum + r.live, 0)} desks live in ${DESK_PROCESSES} processes (pids ${processes.map((c) => c.pid).join(', ')})`);
  return processes;
}

/** Customer i on node i % nodes, speaking team i % teams's language. */
async function startCustomers(load: Load): Promise<ChildProcess> {
  const plans: CustomerPlan[] = Array.from({ length: CUSTOMERS }, (_, i) => ({ url: load.urls[i % load.urls.length]!, language: load.company.languages[i % TEAMS]! }));
  const child = spawnTsx(path.join(here, 'support/chat-customers.ts'), []);
  child.send({ type: 'start', customers: plans, tenant: BENCH_TENANT });
  const ready = await nextMessage<{ type: 'ready'; open: number }>(child, 300, 'customers');
  log(`${ready.open} customer chats open (pid ${child.pid})`);
  return child;
}

async function drive(load: Load, generators: ChildProcess[]): Promise<Record<string, number | null>> {
  const deskProcesses = await startDesks(load);
  generators.push(...deskProcesses);
  await sleep(PRESENCE_SETTLE_MS);
  const customers = await startCustomers(load);
  generators.push(customers);

  log(`customers send ${RATE} messages/s for ${SECONDS} s`);
  const relayCpuAtGo = sumCpu(load.relays.map((r) => r.pid));
  const t0 = performance.now();
  for (const child of deskProcesses) child.send({ type: 'go' });
  customers.send({ type: 'go', rate: RATE, seconds: SECONDS });
  const sent = await nextMessage<CustomersSent>(customers, SECONDS + 150, 'customers');
  log(`sent ${sent.sent} in ${sent.sendSeconds.toFixed(1)} s; ${sent.committed} committed by ${sent.commitSeconds.toFixed(1)} s; ${sent.errors} refused ${sent.firstErrors.join(' | ')}`);
  await sleep(SETTLE_MS);

  const store = await openRelayStorage(load.location);
  try {
    const throughSeq = await store.events.headSeq(BENCH_TENANT);
    const results = deskProcesses.map((child) => nextMessage<DeskClientsResult>(child, 60, 'desk clients'));
    const customerCpu = nextMessage<{ type: 'result'; cpuMicros: number }>(customers, 30, 'customers');
    for (const child of [...deskProcesses, customers]) child.send({ type: 'stop' });
    const desks = await Promise.all(results);
    const wallSeconds = (performance.now() - t0) / 1000;
    const relayCpuAtStop = sumCpu(load.relays.map((r) => r.pid));
    const generatorMicros = desks.reduce((sum, d) => sum + d.cpuMicros, 0) + (await customerCpu).cpuMicros;

    const accounts = new Map(load.company.desks.map((desk) => [desk.agentId, desk]));
    const applied: DeskApplied[] = desks.flatMap((d) => d.desks).map((d) => ({ ...d, role: accounts.get(d.agentId)!.role, teamIds: accounts.get(d.agentId)!.teamIds }));
    const check = await checkDeliveries(store, BENCH_TENANT, throughSeq, applied);
    const fanout = new LatencyHistogram();
    const pushAck = new LatencyHistogram();
    const echo = new LatencyHistogram();
    for (const d of desks) {
      fanout.addPairs(d.fanout);
      pushAck.addPairs(d.pushAck);
    }
    echo.addPairs(sent.echo);
    const gaps = desks.reduce((sum, d) => sum + d.gaps, 0);
    const cutOff = desks.reduce((sum, d) => sum + d.cutOff, 0);
    const pushRejected = desks.reduce((sum, d) => sum + d.pushRejected, 0);
    for (const line of desks.flatMap((d) => d.relayErrors).slice(0, 5)) log(`relay said: ${line}`);
    log(`fan-out ${fanout.total} timed deliveries: p50 ${fanout.percentile(50)} ms, p99 ${fanout.percentile(99)} ms, max ${fanout.max()} ms`);
    log(`${check.due} deliveries due through seq ${throughSeq}: ${check.lost} lost, ${check.duplicated} duplicated, ${check.outOfOrder} out of order, ${check.unexpected} not visible to the desk; ${gaps} gaps pulled, ${cutOff} desks cut off`);
    log(`${check.conversations} conversations, ${check.queued} still queued; ${pushAck.total} pushes acked (${pushRejected} refused), p99 ${pushAck.percentile(99)} ms`);
    return {
      nodes: load.urls.length,
      desks: applied.length,
      teams: TEAMS,
      customers: CUSTOMERS,
      messages_per_s: round(sent.sent / sent.sendSeconds),
      messages_committed_per_s: round(sent.committed / sent.commitSeconds),
      customer_send_to_echo_p99_ms: echo.percentile(99),
      fanout_p50_ms: fanout.percentile(50),
      fanout_p99_ms: fanout.percentile(99),
      fanout_max_ms: fanout.max(),
      fanout_timed: fanout.total,
      push_ack_p50_ms: pushAck.percentile(50),
      push_ack_p99_ms: pushAck.percentile(99),
      pushes: pushAck.total,
      deliveries_due: check.due,
      lost: check.lost,
      duplicated: check.duplicated,
      out_of_order: check.outOfOrder,
      not_visible: check.unexpected,
      gaps_pulled: gaps,
      desks_cut_off: cutOff,
      customer_errors: sent.errors,
      queued_conversations: check.queued,
      generator_cpu_percent: round((generatorMicros / 1e6 / (wallSeconds * availableParallelism())) * 100, 1),
      relay_cpu_percent: relayCpuAtGo === null || relayCpuAtStop === null ? null : round(((relayCpuAtStop - relayCpuAtGo) / (wallSeconds * availableParallelism())) * 100, 1),
    };
  } finally {
    await store.close();
  }
}

async function startNodes(kind: Load['kind'], location: string): Promise<{ child: ChildProcess; url: string }[]> {
  if (kind === 'sqlite') return [await startRelayChild(location)];
  // A subject prefix of this run's own: other relays on the same NATS never hear these pokes.
  const cluster = { natsUrl: NATS_URL, subjectPrefix: `bench${process.pid}` };
  return Promise.all(Array.from({ length: NODES }, () => startRelayChild(location, cluster)));
}

async function scenario(kind: Load['kind']): Promise<Record<string, number | null>> {
  const dir = mkdtempSync(path.join(tmpdir(), `bench-${kind}-`));
  const removeDir = onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  const database = await benchDatabase(dir, kind, kind === 'cluster' ? POSTGRES_URL : '');
  const removeDatabase = onCleanup(() => database.remove());
  const relays: ChildProcess[] = [];
  const generators: ChildProcess[] = [];
  try {
    const company = planCompany(TEAMS, DESKS, SAMPLE_EVERY);
    const t0 = Date.now();
    await seedCompany(database.location, company);
    log(`${kind}: ${DESKS} desks in ${TEAMS} teams seeded in ${Date.now() - t0} ms on ${database.storage}`);
    const nodes = await startNodes(kind, database.location);
    relays.push(...nodes.map((node) => node.child));
    log(`${kind}: ${nodes.length} relay node(s) at ${nodes.map((n) => `${n.url} (pid ${n.child.pid})`).join(', ')}`);
    return await drive({ kind, location: database.location, urls: nodes.map((n) => n.url), relays, company }, generators);
  } finally {
    for (const child of generators) await stopChild(child);
    await Promise.all(relays.map((child) => stopChild(child)));
    await removeDatabase();
    await removeDir();
  }
}

const only = process.env.BENCH_ONLY;
const started = Date.now();
const result: Record<string, unknown> = {};
try {
  if (!only || only === 'cluster') Object.assign(result, await scenario('cluster'));
  if (!only || only === 'sqlite') {
    for (const [key, value] of Object.entries(await scenario('sqlite'))) result[`sqlite_${key}`] = value;
  }
} catch (error) {
  await abort(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
clearTimeout(watchdog);
result.seconds = Math.round((Date.now() - started) / 1000);
result.node = process.version;
console.log(JSON.stringify(result));
process.exit(0);
