import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startWhatsAppFake } from '../channels/fakes/whatsapp/fake.js';
import { BENCH_TENANT } from './support/bench-company.js';
import { CHANNEL_AGENT_EMAIL, startChannelScene } from './support/channel-scene.js';
import { stopChild } from './support/children.js';
import { channelConversations, stampRequests, timeReplies } from './support/reply-timer.js';
import { cpuSecondsOf, onCleanup, runBench } from './support/run-guard.js';
import { runStep, WhatsAppTraffic, type StepResult } from './support/webhook-load.js';

/**
 * `npm run bench -- channels`: one relay (its own child process) on a fresh SQLite file, with a
 * WhatsApp account whose Cloud API is the fake. Signed WhatsApp webhooks, each a new message from
 * one of many customers and one in ten an exact redelivery of an earlier one, are POSTed at
 * increasing rates over keep-alive connections; a step whose answers are all 2xx with p99 under
 * 200 ms is sustained. Then an agent pushes replies to the conversations the webhooks opened,
 * each timed from the push to the fake's send API receiving it. Last, with the relay stopped, the
 * stored messages are counted against the distinct ones sent. The last line is one JSON object.
 *
 * BENCH_STEPS (rates, comma-separated), BENCH_SECONDS (per step), BENCH_CUSTOMERS,
 * BENCH_CONNECTIONS, BENCH_REPLIES and BENCH_REPLY_EVERY_MS change the load (for development).
 * BENCH_DB_DIR puts the database elsewhere: on a tmpfs (/dev/shm) a commit costs no fsync, which
 * tells the relay's CPU from the disk's share of each webhook.
 */

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const STEPS = (process.env.BENCH_STEPS ?? '200,400,800,1200,1600').split(',').map((rate) => {
  const value = Number(rate);
  if (!Number.isInteger(value) || value <= 0) throw new Error('BENCH_STEPS is a list of positive whole rates, e.g. 200,400');
  return value;
});
const SECONDS = envInt('BENCH_SECONDS', 5);
const CUSTOMERS = envInt('BENCH_CUSTOMERS', 2000);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 16);
const REPLIES = envInt('BENCH_REPLIES', 200);
const REPLY_EVERY_MS = envInt('BENCH_REPLY_EVERY_MS', 50);
/** A pause between steps, so that what one step left the relay to do does not count against the next. */
const STEP_PAUSE_MS = 2000;
/** A step this far over budget means the relay is saturated: higher rates would only queue more. */
const SATURATED_P99_MS = 5000;
const WARMUP_RATE = 100;
const WATCHDOG_MS = 10 * 60_000;
const WHATSAPP = { phoneNumberId: '106540352242922', accessToken: 'EAAG-bench-access-token', appSecret: 'bench-app-secret-0123', verifyToken: 'bench-verify-token' };

const benchStart = performance.now();
const log = (line: string): void => console.log(`[bench +${Math.round((performance.now() - benchStart) / 1000)} s] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The customers' messages the relay stored on WhatsApp, and how many distinct ones (by body: each unique message has its own). */
function storedMessages(dbPath: string): { stored: number; distinctBodies: number } {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT COUNT(*) AS stored, COUNT(DISTINCT m.body) AS distinctBodies FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.tenant_id = ? AND c.channel = 'whatsapp' AND m.author = 'customer'`,
      )
      .get(BENCH_TENANT) as { stored: number; distinctBodies: number };
  } finally {
    db.close();
  }
}

async function main(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(process.env.BENCH_DB_DIR ?? tmpdir(), 'bench-channels-'));
  const removeDir = onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  const dbPath = path.join(dir, 'channels.db');
  const fake = await startWhatsAppFake(WHATSAPP);
  const received = new Map<string, number[]>();
  stampRequests(fake.sent, (request, at) => {
    const body = (request.body as { text?: { body?: unknown } } | undefined)?.text?.body;
    if (request.method === 'POST' && typeof body === 'string') received.set(body, [...(received.get(body) ?? []), at]);
  });
  const scene = await startChannelScene(dbPath, 1, [{ provider: 'whatsapp', credentials: WHATSAPP, apiBaseUrl: fake.apiBaseUrl }]);
  log(`relay at ${scene.url} (pid ${scene.relay.pid}) on ${dbPath}; WhatsApp fake at ${fake.apiBaseUrl}`);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  try {
    const url = new URL(scene.webhookUrls.whatsapp!);
    const traffic = new WhatsAppTraffic(WHATSAPP, CUSTOMERS);
    // The relay's first requests compile and warm its code: not measured (their messages are counted all the same).
    const warmup = await runStep(url, agent, traffic.take(WARMUP_RATE * 2), WARMUP_RATE);
    log(`warm-up: ${warmup.ok}/${warmup.sent} 2xx at ${WARMUP_RATE}/s, p99 ${warmup.p99_ms} ms`);
    await sleep(STEP_PAUSE_MS);
    const steps: StepResult[] = [];
    const cpuAtGo = process.cpuUsage();
    const relayCpuAtGo = cpuSecondsOf([scene.relay.pid]);
    const t0 = performance.now();
    for (const rate of STEPS) {
      const webhooks = traffic.take(rate * SECONDS);
      log(`${rate} webhooks/s for ${SECONDS} s over ${CONNECTIONS} connections`);
      const step = await runStep(url, agent, webhooks, rate);
      steps.push(step);
      log(
        `${rate}/s: ${step.ok}/${step.sent} 2xx (${JSON.stringify(step.statuses)}), answered ${step.answered_per_s}/s, ` +
          `p50 ${step.p50_ms} ms, p99 ${step.p99_ms} ms, max ${step.max_ms} ms: ${step.sustained ? 'sustained' : 'NOT sustained'}`,
      );
      if ((step.p99_ms ?? 0) > SATURATED_P99_MS) {
        log('saturated: no higher rate tried');
        break;
      }
      await sleep(STEP_PAUSE_MS);
    }
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpuAtGo);
    const relayCpuAtStop = cpuSecondsOf([scene.relay.pid]);
    const stepWebhooks = steps.reduce((sum, step) => sum + step.sent, 0);
    const share = (seconds: number) => Math.round((seconds / (wall * availableParallelism())) * 1000) / 10;

    const conversations = channelConversations(dbPath, 'whatsapp', REPLIES);
    log(`${CHANNEL_AGENT_EMAIL} replies to ${conversations.length} conversations, one every ${REPLY_EVERY_MS} ms`);
    const replies = await timeReplies(scene.url, CHANNEL_AGENT_EMAIL, conversations, REPLY_EVERY_MS, received);
    log(
      `replies: ${replies.pushed} pushed, ${replies.refused} refused ${replies.firstRefusals.join(' | ')}, ${replies.missing} never reached the API, ` +
        `${replies.duplicated} reached it twice; push -> API p50 ${replies.histogram.percentile(50)} ms, p99 ${replies.histogram.percentile(99)} ms`,
    );

    await stopChild(scene.relay);
    const { stored, distinctBodies: distinct } = storedMessages(dbPath);
    const unique = traffic.uniqueIds.size;
    log(`${unique} distinct messages and ${traffic.redeliveries} redeliveries sent; ${stored} stored (${distinct} distinct)`);
    const sustained = steps.filter((step) => step.sustained);
    return {
      webhooks_per_s: sustained.length > 0 ? Math.max(...sustained.map((step) => step.rate)) : 0,
      steps: steps.map(({ rate, sent, failed, statuses, answered_per_s, p50_ms, p99_ms, max_ms, sustained: ok }) => ({ rate, sent, failed, statuses, answered_per_s, p50_ms, p99_ms, max_ms, sustained: ok })),
      unique_sent: unique,
      redeliveries_sent: traffic.redeliveries,
      stored,
      duplicates_stored: stored - distinct,
      lost: unique - distinct,
      replies: replies.pushed,
      replies_refused: replies.refused,
      replies_missing: replies.missing,
      replies_sent_twice: replies.duplicated,
      send_p50_ms: replies.histogram.percentile(50),
      send_p99_ms: replies.histogram.percentile(99),
      generator_cpu_percent: share((cpu.user + cpu.system) / 1e6),
      relay_cpu_percent: relayCpuAtGo === null || relayCpuAtStop === null ? null : share(relayCpuAtStop - relayCpuAtGo),
      // What one webhook costs the relay, whatever else the machine runs: its CPU over the steps by the webhooks they sent.
      relay_cpu_ms_per_webhook: relayCpuAtGo === null || relayCpuAtStop === null ? null : Math.round(((relayCpuAtStop - relayCpuAtGo) * 1e5) / stepWebhooks) / 100,
      connections: CONNECTIONS,
      customers: CUSTOMERS,
      cores: availableParallelism(),
      load_average_1m: Math.round(loadavg()[0]! * 100) / 100,
    };
  } finally {
    agent.destroy();
    await stopChild(scene.relay);
    await fake.close();
    await removeDir();
  }
}

await runBench(main, WATCHDOG_MS, benchStart);
