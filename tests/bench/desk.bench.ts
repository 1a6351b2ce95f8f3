// npm run bench -- desk: desk start-up and size. Last line: one JSON object.
//   DESK_MESSAGES / DESK_CONVERSATIONS   sizes (default 1,000,000 and 20,000)
//   DESK_SKIP_BUILD=1                    reuse dist/ as it is (quick reruns); otherwise the core and renderer are built first
//   DESK_CACHE_DIR=/path                 keep the filled cache there and reuse it while the sizes match (filling takes minutes)
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LocalConversation, LocalMessage } from '../../src-shared/api/contract.js';
import { fillDeskCache, migrateDeskCache } from './support/desk-cache.js';
import { ApiSocket, buildDesk, closedPort, startDeskCore } from './support/desk-core.js';
import { scrollInbox } from './support/inbox-scroll.js';
import { stopChild } from './support/children.js';
import { onCleanup, runBench } from './support/run-guard.js';

const MESSAGES = Number(process.env.DESK_MESSAGES ?? 1_000_000);
const CONVERSATIONS = Number(process.env.DESK_CONVERSATIONS ?? 20_000);
const THREAD_LENGTH = 2_000;
/** Long threads hold about 8% of the cache: enough different ones that opens do not all hit one warm thread. */
const LONG = { count: Math.max(1, Math.min(40, Math.floor((MESSAGES * 0.08) / THREAD_LENGTH))), length: THREAD_LENGTH };
const OPEN_ROUNDS = 5;
/** As the renderer asks (inbox-store.ts, conversation-store.ts). */
const PAGE = 50;
const PIXELS_PER_FRAME = 600;

const round = (value: number) => Math.round(value * 100) / 100;
const load = () => round(loadavg()[0]!);
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The filled cache and its key: kept in DESK_CACHE_DIR when set, and reused while the sizes match. */
async function deskCache(dir: string): Promise<{ dbPath: string; key: Buffer }> {
  const kept = process.env.DESK_CACHE_DIR ? path.resolve(process.env.DESK_CACHE_DIR) : null;
  const cacheDir = kept ?? dir;
  const dbPath = path.join(cacheDir, 'workstation.sqlite');
  const sizes = JSON.stringify({ messages: MESSAGES, conversations: CONVERSATIONS, long: LONG });
  const [sizesFile, keyFile] = [path.join(cacheDir, 'sizes.json'), path.join(cacheDir, 'cache.key')];
  if (kept && existsSync(sizesFile) && readFileSync(sizesFile, 'utf8') === sizes) {
    console.error(`[bench] reusing the cache in ${cacheDir}`);
    const key = Buffer.from(readFileSync(keyFile, 'utf8'), 'hex');
    migrateDeskCache(dbPath, key);
    return { dbPath, key };
  }
  if (kept) rmSync(kept, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const key = randomBytes(32);
  const at = performance.now();
  await fillDeskCache(dbPath, key, { messages: MESSAGES, conversations: CONVERSATIONS, long: LONG });
  console.error(`[bench] ${MESSAGES} messages in ${CONVERSATIONS} conversations (${LONG.count} of ${LONG.length} messages) cached, indexed and analysed in ${Math.round(performance.now() - at)} ms`);
  writeFileSync(keyFile, key.toString('hex'));
  writeFileSync(sizesFile, sizes);
  return { dbPath, key };
}

async function main(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-desk-'));
  const cleanup = onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  if (process.env.DESK_SKIP_BUILD !== '1') buildDesk();
  const { dbPath, key } = await deskCache(dir);
  const models = path.join(dir, 'models');
  mkdirSync(models);
  const offline = `http://127.0.0.1:${await closedPort()}`;
  const loadAtStart = load();
  const at = performance.now();
  const core = await startDeskCore({
    WORKSTATION_DB: dbPath,
    WORKSTATION_CACHE_KEY: key.toString('hex'),
    WORKSTATION_RELAY_URL: offline,
    WORKSTATION_MODELS_DIR: models,
    WORKSTATION_MODEL_HUB: offline,
  });
  const served = performance.now() - at;
  const api = await ApiSocket.open(core.url);
  const first = await api.call<{ items: LocalConversation[] }>('conversations.list', { status: 'all', cursor: null, limit: PAGE });
  const startMs = performance.now() - at;
  if (first.items.length !== Math.min(PAGE, CONVERSATIONS)) throw new Error(`the first inbox page held ${first.items.length} conversations`);
  const afterStart = core.memory();

  const opens: number[] = [];
  const firstOpens: number[] = [];
  const loadAtOpens = load();
  for (let round = 0; round < OPEN_ROUNDS; round++) {
    for (let n = 0; n < LONG.count; n++) {
      // Every round in another order, so a thread is not opened right after itself.
      const conversationId = `c${(n * 7 + round * 13) % LONG.count}`;
      const started = performance.now();
      const thread = await api.call<{ messages: LocalMessage[] }>('conversations.get', { conversationId, before: null, limit: PAGE });
      const ms = performance.now() - started;
      if (thread.messages.length !== PAGE) throw new Error(`conversation ${conversationId} opened with ${thread.messages.length} messages`);
      (round === 0 ? firstOpens : opens).push(ms);
    }
  }
  const afterOpens = core.memory();
  api.close();

  const loadAtScroll = load();
  const scroll = await scrollInbox(core.url, CONVERSATIONS, PIXELS_PER_FRAME);
  if (scroll.rowsReached !== CONVERSATIONS) throw new Error(`the inbox scrolled to row ${scroll.rowsReached} of ${CONVERSATIONS}`);
  const afterScroll = core.memory();
  await stopChild(core.child);
  await cleanup();

  const everyOpen = [...firstOpens, ...opens];
  return {
    messages: MESSAGES,
    conversations: CONVERSATIONS,
    long_threads: LONG.count,
    long_thread_messages: LONG.length,
    desk_start_first_page_ms: round(startMs),
    desk_start_url_printed_ms: round(served),
    conversation_first_page_p50_ms: round(percentile(everyOpen, 50)),
    conversation_first_page_p99_ms: round(percentile(everyOpen, 99)),
    conversation_first_open_p50_ms: round(percentile(firstOpens, 50)),
    conversation_first_open_max_ms: round(Math.max(...firstOpens)),
    conversation_opens: everyOpen.length,
    core_rss_mb: Math.max(afterStart.rssMb, afterOpens.rssMb, afterScroll.rssMb),
    core_rss_after_start_mb: afterStart.rssMb,
    core_rss_after_opens_mb: afterOpens.rssMb,
    core_rss_after_scroll_mb: afterScroll.rssMb,
    core_rss_peak_mb: afterScroll.peakMb,
    inbox_scroll_longest_task_ms: round(Math.max(0, ...scroll.longTasks)),
    inbox_scroll_long_tasks_over_50ms: scroll.longTasks.filter((ms) => ms > 50).length,
    inbox_scroll_seconds: round(scroll.scrollSeconds),
    inbox_start_long_tasks_ms: scroll.startLongTasks.map(round),
    load_1m: { start: loadAtStart, opens: loadAtOpens, scroll: loadAtScroll },
  };
}

await runBench(main, 60 * 60_000, performance.now());
