import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Conversation, Message } from '../../src-shared/domain/model.js';
import { Workstation } from '../../src-main/core/workstation.js';
import { seedTenant } from '../../src-relay/demo/seed.js';
import { createRelayCore } from '../../src-relay/relay-core.js';
import { openRelayStore } from '../../src-relay/storage/relay-store.js';

const EVENTS = 100_000;
const BATCH = 10_000;
const PASSWORD = 'bench-password';
const here = path.dirname(fileURLToPath(import.meta.url));
const log = (line: string): void => console.log(`[bench] ${line}`);

function buildRelayDb(dbPath: string): Promise<number> {
  const store = openRelayStore(dbPath);
  const core = createRelayCore(store, { now: Date.now, tokenTtlMs: 3_600_000, reportError: (where, error) => console.error(where, error) });
  return (async () => {
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
    core.commit('bench', (changes) => {
      for (let c = 0; c < 100; c++) {
        const conversation: Conversation = {
          id: `c${c}`, customerId: 'cust', customerName: 'Customer', channel: 'webchat', teamId: 'team', assigneeId: 'agent',
          status: 'open', language: 'en', market: 'US', createdAt: start, updatedAt: start, lastMessageAt: start, lastMessagePreview: '',
        } as Conversation;
        changes.addConversation(conversation);
        conversations.push(conversation);
      }
    }, start);
    let written = conversations.length;
    let n = 0;
    while (written < EVENTS) {
      const count = Math.min(BATCH, EVENTS - written);
      core.commit('bench', (changes) => {
        for (let i = 0; i < count; i++, n++) {
          const conversation = conversations[n % conversations.length] as Conversation;
          const message: Message = { id: `m${n}`, conversationId: conversation.id, author: 'customer', authorId: 'cust', authorName: 'Customer', body: `Hello, this is message number ${n}, where is my order?`, createdAt: changes.at };
          changes.addMessage(message, conversation, null);
        }
      }, start + written);
      written += count;
    }
    store.close();
    return written;
  })();
}

function startRelayChild(dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'support/relay-process.ts'), dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('relay did not start within 30 s')), 30_000);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /RELAY_URL (\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`relay exited with ${String(code)}`)));
  });
}

async function catchUp(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-sync-'));
  let child: ChildProcess | null = null;
  let ws: Workstation | null = null;
  try {
    const dbPath = path.join(dir, 'relay.db');
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
    const deadline = Date.now() + 120_000;
    let lastLog = Date.now();
    // snapshot() reads every cached message, so it is not polled: the core says 'online' once it
    // has pulled to the relay head, and snapshot() then confirms the cursor once.
    for (;;) {
      if (Date.now() > deadline) throw new Error('catch-up did not finish within 120 s');
      const { connection } = await ws.handlers['session.get']({});
      if (connection.state === 'online' && ws.snapshot().cursor >= events) break;
      await new Promise((r) => setTimeout(r, 5));
      if (Date.now() - lastLog > 2000) {
        lastLog = Date.now();
        log(`catching up (${connection.state})`);
      }
    }
    const seconds = (performance.now() - begin) / 1000;
    lag.disable();
    log(`caught up ${events} events in ${seconds.toFixed(2)} s`);
    return { events, catchup_events_per_s: Math.round(events / seconds), catchup_loop_lag_p99_ms: Math.round((lag.percentile(99) / 1e6) * 10) / 10 };
  } finally {
    await ws?.close();
    if (child?.pid) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

const result: Record<string, unknown> = { ...(await catchUp()), node: process.version };
console.log(JSON.stringify(result));
process.exit(0);
