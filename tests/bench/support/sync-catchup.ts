import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Conversation, Message } from '../../../src-shared/domain/model.js';
import { Workstation } from '../../../src-main/core/workstation.js';
import { seedTenant } from '../../../src-relay/demo/seed.js';
import { createRelayCore } from '../../../src-relay/relay-core.js';
import { openRelayStorage } from '../../../src-relay/storage/open-relay-storage.js';
import { benchDatabase } from './bench-database.js';
import { stopChild } from './children.js';
import { startRelayChild } from './relay-child.js';
import { cpuSecondsOf } from './run-guard.js';

/**
 * The sync bench's catch-up: a relay (in a child process) whose log holds 100,000 events of 100
 * conversations, and a workstation core (in this process) that signs in with an empty cache and
 * pulls to the head. Timed from sign-in to 'online'; the core's event-loop lag over that time
 * says whether the desk stays responsive while it takes the history in.
 */

export const CATCHUP_EVENTS = 100_000;
const BATCH = 10_000;
const PASSWORD = 'bench-password';
const log = (line: string): void => console.log(`[bench] ${line}`);

async function buildRelayDb(location: string): Promise<number> {
  const store = await openRelayStorage(location);
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
  while (written < CATCHUP_EVENTS) {
    const count = Math.min(BATCH, CATCHUP_EVENTS - written);
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
}

/** Catch-up against a relay on SQLite (`url` '') or on a schema of its own in the PostgreSQL at `url`. */
export async function catchUp(storage: 'sqlite' | 'postgres', url: string): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-sync-'));
  let child: ChildProcess | null = null;
  let ws: Workstation | null = null;
  const database = await benchDatabase(dir, 'catchup', storage === 'sqlite' ? '' : url);
  try {
    const t0 = Date.now();
    const events = await buildRelayDb(database.location);
    log(`${storage}: relay database with ${events} events built in ${Date.now() - t0} ms`);
    const started = await startRelayChild(database.location);
    child = started.child;
    log(`${storage}: relay child pid ${String(child.pid)} at ${started.url}`);
    ws = await Workstation.open({ dbPath: path.join(dir, 'ws.db'), relayUrl: started.url });
    const lag = monitorEventLoopDelay({ resolution: 1 });
    lag.enable();
    const relayCpuAtStart = cpuSecondsOf([child.pid]);
    const coreCpuAtStart = process.cpuUsage();
    const begin = performance.now();
    await ws.handlers['session.login']({ email: 'agent@bench.test', password: PASSWORD });
    let end = 0;
    let coreCpu = coreCpuAtStart;
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
        coreCpu = process.cpuUsage(coreCpuAtStart);
        lag.disable();
        if (ws.snapshot().cursor >= events) break;
        lag.enable();
      }
      await new Promise((r) => setTimeout(r, 5));
      if (Date.now() - lastLog > 2000) {
        lastLog = Date.now();
        log(`${storage}: catching up (${connection.state})`);
      }
    }
    const relayCpuAtEnd = cpuSecondsOf([child.pid]);
    const seconds = (end - begin) / 1000;
    const relayCpu = relayCpuAtStart === null || relayCpuAtEnd === null ? NaN : relayCpuAtEnd - relayCpuAtStart;
    const deskCpu = (coreCpu.user + coreCpu.system) / 1e6;
    log(`${storage}: caught up ${events} events in ${seconds.toFixed(2)} s; CPU: desk core ${deskCpu.toFixed(2)} s, relay ${relayCpu.toFixed(2)} s`);
    return {
      catchup_events_per_s: Math.round(events / seconds),
      catchup_loop_lag_p99_ms: Math.round((lag.percentile(99) / 1e6) * 10) / 10,
      /** Load-independent: CPU per 1,000 events caught up, on each side. */
      catchup_desk_cpu_ms_per_1000: Math.round((deskCpu * 1e7) / events) / 10,
      catchup_relay_cpu_ms_per_1000: Math.round((relayCpu * 1e7) / events) / 10,
    };
  } finally {
    await ws?.close();
    await stopChild(child);
    await database.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}
