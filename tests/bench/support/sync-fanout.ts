import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedTenant } from '../../../src-relay/demo/seed.js';
import { createRelayCore } from '../../../src-relay/relay-core.js';
import { openRelayStorage } from '../../../src-relay/storage/open-relay-storage.js';
import { BENCH_PASSWORD, BENCH_TENANT } from './bench-company.js';
import { benchDatabase } from './bench-database.js';
import type { CustomerPlan, CustomersSent } from './chat-customers.js';
import { nextMessage, spawnTsx, stopChild } from './children.js';
import { checkDeliveries, type DeskApplied } from './delivery-check.js';
import type { DeskClientsResult, DeskPlan } from './desk-clients.js';
import { LatencyHistogram } from './latency-histogram.js';
import { startRelayChild } from './relay-child.js';
import type { RelayWindow } from './relay-window.js';

/**
 * The sync bench's live fan-out on one relay: 500 desks of one team (50 agents, 450 supervisors
 * who see every event), web-chat customers sending 200 messages a second. The load generator runs
 * in child processes of its own, apart from the relay: desks in one process (support/desk-clients.ts;
 * most read only each frame's header and seqs, one in 20 decodes it in full and times commit ->
 * applied), customers in another (support/chat-customers.ts, timing send -> echo). Every desk's
 * deliveries are checked against the log afterwards; the CPU of the generator and of the relay
 * over the measured time says whether the generator left the relay its cores.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const DESKS = envInt('BENCH_DESKS', 500);
/** The others are supervisors of the one team, who see every event. */
const AGENTS = Math.min(DESKS, 50);
const RATE = envInt('BENCH_RATE', 200);
const SECONDS = envInt('BENCH_SECONDS', 12);
const DESK_PROCESSES = envInt('BENCH_DESK_PROCESSES', 1);
/** One desk in this many decodes every frame and times it. */
const SAMPLE_EVERY = envInt('BENCH_SAMPLE_EVERY', 20);
/** Each customer sends one message every 2 s: within the web chat's budget (a burst of 20, then one per 2 s). */
const CUSTOMERS = RATE * 2;
/** After the last echo, how long the last deliveries get before the desks stop. */
const SETTLE_MS = 2000;

const log = (line: string): void => console.log(`[bench] ${line}`);
const round = (value: number | null, digits = 0): number | null =>
  value === null || !Number.isFinite(value) ? null : Math.round(value * 10 ** digits) / 10 ** digits;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function plans(url: string): DeskPlan[] {
  return Array.from({ length: DESKS }, (_, i) => ({
    agentId: `a${i}`, email: `a${i}@bench.test`, role: i < AGENTS ? ('agent' as const) : ('supervisor' as const), url, sample: i % SAMPLE_EVERY === 0,
  }));
}

async function seed(location: string, desks: DeskPlan[]): Promise<void> {
  const store = await openRelayStorage(location);
  try {
    const core = createRelayCore(store, { now: Date.now, tokenTtlMs: 3_600_000, reportError: (where, error) => console.error(where, error) });
    const agents = desks.map((desk, i) => ({ id: desk.agentId, email: desk.email, name: `Person ${i}`, role: desk.role, language: 'en', teams: ['team'] }));
    await seedTenant(
      core,
      { tenant: { id: BENCH_TENANT, name: 'Bench' }, password: BENCH_PASSWORD, teams: [{ id: 'team', name: 'Team', languages: ['en'] }], agents, customers: [], conversations: [] },
      // A cheap hash: 500 sign-ins are set-up, not what is measured.
      { logN: 4, r: 8, p: 1 },
    );
  } finally {
    await store.close();
  }
}

async function startDesks(desks: DeskPlan[], processes: ChildProcess[]): Promise<number> {
  processes.push(...Array.from({ length: DESK_PROCESSES }, () => spawnTsx(path.join(here, 'desk-clients.ts'), [])));
  const ready = processes.map((child) => nextMessage<{ type: 'ready'; live: number }>(child, 180, 'desk clients'));
  processes.forEach((child, p) => {
    child.send({ type: 'start', desks: desks.filter((_, i) => i % DESK_PROCESSES === p), password: BENCH_PASSWORD, pushEveryMs: 0 });
  });
  return sum((await Promise.all(ready)).map((r) => r.live));
}

async function startCustomers(url: string): Promise<ChildProcess> {
  const child = spawnTsx(path.join(here, 'chat-customers.ts'), []);
  const ready = nextMessage<{ type: 'ready'; open: number }>(child, 180, 'customers');
  child.send({ type: 'start', customers: Array.from({ length: CUSTOMERS }, (): CustomerPlan => ({ url, language: 'en' })), tenant: BENCH_TENANT });
  log(`${(await ready).open} customer chats open (pid ${child.pid})`);
  return child;
}

export async function fanOut(): Promise<Record<string, number | string | null>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-fanout-'));
  let relay: ChildProcess | null = null;
  let customers: ChildProcess | null = null;
  const deskProcesses: ChildProcess[] = [];
  const database = await benchDatabase(dir, 'fanout');
  try {
    await seed(database.location, plans(''));
    const running = await startRelayChild(database.location);
    relay = running.child;
    log(`fan-out relay child pid ${String(relay.pid)} on ${database.storage}`);
    const live = await startDesks(plans(running.url), deskProcesses);
    log(`${live} desks live in ${DESK_PROCESSES} process(es) (${AGENTS} agents, ${DESKS - AGENTS} supervisors; 1 in ${SAMPLE_EVERY} decodes)`);
    customers = await startCustomers(running.url);
    return { fanout_storage: database.storage, ...(await measure(database.location, relay, deskProcesses, customers, live)) };
  } finally {
    await stopChild(customers);
    for (const child of deskProcesses) await stopChild(child);
    await stopChild(relay);
    await database.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(location: string, relay: ChildProcess, deskProcesses: ChildProcess[], customers: ChildProcess, live: number): Promise<Record<string, number | string | null>> {
  log(`customers send ${RATE} messages/s for ${SECONDS} s`);
  relay.send({ type: 'window-start' });
  const t0 = performance.now();
  const sentMessage = nextMessage<CustomersSent>(customers, SECONDS + 150, 'customers');
  for (const child of deskProcesses) child.send({ type: 'go' });
  customers.send({ type: 'go', rate: RATE, seconds: SECONDS });
  const sent = await sentMessage;
  log(`sent ${sent.sent} in ${sent.sendSeconds.toFixed(1)} s; ${sent.committed} committed by ${sent.commitSeconds.toFixed(1)} s; ${sent.errors} refused ${sent.firstErrors.join(' | ')}`);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const store = await openRelayStorage(location);
  try {
    const throughSeq = await store.events.headSeq(BENCH_TENANT);
    const results = deskProcesses.map((child) => nextMessage<DeskClientsResult>(child, 60, 'desk clients'));
    const customerCpu = nextMessage<{ type: 'result'; cpuMicros: number }>(customers, 30, 'customers');
    for (const child of [...deskProcesses, customers]) child.send({ type: 'stop' });
    const window = nextMessage<RelayWindow>(relay, 60, 'relay');
    relay.send({ type: 'window-stop' });
    const desks = await Promise.all(results);
    const wallSeconds = (performance.now() - t0) / 1000;
    const relayWindow = await window;
    const relayCpu = relayWindow.cpuMicros / 1e6;
    const generatorCpu = (sum(desks.map((d) => d.cpuMicros)) + (await customerCpu).cpuMicros) / 1e6;
    // Roles by account (a<i>), not by position: desks come back grouped by process.
    const applied: DeskApplied[] = desks.flatMap((d) => d.desks).map((d) => ({ ...d, role: Number(d.agentId.slice(1)) < AGENTS ? 'agent' : 'supervisor', teamIds: ['team'] }));
    const check = await checkDeliveries(store, BENCH_TENANT, throughSeq, applied);
    const fanout = new LatencyHistogram();
    for (const d of desks) fanout.addPairs(d.fanout);
    const echo = new LatencyHistogram();
    echo.addPairs(sent.echo);
    const frames = sum(desks.map((d) => d.frames));
    const bytes = sum(desks.map((d) => d.bytes));
    const cores = availableParallelism();
    const share = (seconds: number | null) => (seconds === null ? null : round((seconds / (wallSeconds * cores)) * 100, 1));
    log(`fan-out ${fanout.total} timed deliveries: p50 ${fanout.percentile(50)} ms, p99 ${fanout.percentile(99)} ms, max ${fanout.max()} ms; ${frames} frames, ${(bytes / 1e6).toFixed(1)} MB`);
    log(`${check.due} deliveries due through seq ${throughSeq} to ${applied.length} desks: ${check.lost} lost, ${check.duplicated} duplicated, ${check.outOfOrder} out of order, ${check.unexpected} not visible`);
    log(`CPU over ${wallSeconds.toFixed(1)} s: relay ${relayCpu.toFixed(1)} s, generator ${generatorCpu.toFixed(1)} s (desks + customers), ${cores} cores`);
    log(`relay GC: ${relayWindow.gcCount} collections ${JSON.stringify(relayWindow.gcByKind)}, ${relayWindow.gcMs} ms in all, longest ${relayWindow.gcMaxMs} ms; heap ${relayWindow.heapUsedMb} MB`);
    for (const line of desks.flatMap((d) => d.relayErrors).slice(0, 5)) log(`relay said: ${line}`);
    return {
      clients: live,
      messages_per_s: round(sent.sent / sent.sendSeconds),
      messages_committed_per_s: round(sent.committed / sent.commitSeconds),
      customer_send_to_echo_p50_ms: echo.percentile(50),
      customer_send_to_echo_p99_ms: echo.percentile(99),
      fanout_p50_ms: fanout.percentile(50),
      fanout_p99_ms: fanout.percentile(99),
      fanout_max_ms: fanout.max(),
      fanout_timed: fanout.total,
      fanout_deliveries: check.due,
      fanout_frames: frames,
      fanout_mb: round(bytes / 1e6, 1),
      fanout_lost: check.lost,
      fanout_duplicated: check.duplicated,
      fanout_out_of_order: check.outOfOrder,
      fanout_not_visible: check.unexpected,
      fanout_gaps_pulled: sum(desks.map((d) => d.gaps)),
      fanout_clients_cut_off: sum(desks.map((d) => d.cutOff)),
      fanout_customer_errors: sent.errors,
      generator_cpu_percent: share(generatorCpu),
      relay_cpu_percent: share(relayCpu),
      /** Load-independent: the relay's CPU for each events frame it wrote (commits, customers' echoes and all). */
      relay_cpu_us_per_frame: frames === 0 ? null : round((relayCpu * 1e6) / frames, 1),
      relay_cpu_us_per_delivery: check.due === 0 ? null : round((relayCpu * 1e6) / check.due, 2),
      relay_cpu_ms_per_message: sent.committed === 0 ? null : round((relayCpu * 1e3) / sent.committed, 2),
      relay_gc_ms: relayWindow.gcMs,
      relay_gc_max_ms: relayWindow.gcMaxMs,
    };
  } finally {
    await store.close();
  }
}
