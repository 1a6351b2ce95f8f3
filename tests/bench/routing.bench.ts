// npm run bench -- routing: routing decisions with 5,000 agents and 50,000 waiting conversations. Last line: one JSON object.
//   ROUTING_AGENTS / ROUTING_WAITING   sizes (default 5,000 and 50,000)
//   ROUTING_DECISIONS                  decisions on the in-memory board (default 20,000)
//   ROUTING_LIVE_ROUNDS                arrivals and resolves through the relay's live path, per storage (default 400)
//   ROUTING_STORAGES                   which relay storages to measure live (default "sqlite,postgres"; PostgreSQL
//                                      at RELAY_TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test, in a schema of its own)
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createTestSchema } from '../../src-node/testing/postgres-schema.js';
import { openPostgresStorage } from '../../src-relay/storage/postgres/postgres-storage.js';
import { openSqliteStorage } from '../../src-relay/storage/sqlite/sqlite-storage.js';
import { measureBoard } from './support/routing-board-run.js';
import { measureLiveRouting, type LiveRoutingFigures } from './support/live-routing.js';

const AGENTS = Number(process.env.ROUTING_AGENTS ?? 5_000);
const WAITING = Number(process.env.ROUTING_WAITING ?? 50_000);
const DECISIONS = Number(process.env.ROUTING_DECISIONS ?? 20_000);
const ROUNDS = Number(process.env.ROUTING_LIVE_ROUNDS ?? 400);
const STORAGES = (process.env.ROUTING_STORAGES ?? 'sqlite,postgres').split(',').filter(Boolean);

async function onSqlite(): Promise<LiveRoutingFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'routing-bench-'));
  const store = openSqliteStorage(path.join(dir, 'relay.db'));
  try {
    return await measureLiveRouting(store, AGENTS, WAITING, ROUNDS);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(): Promise<LiveRoutingFigures> {
  const schema = await createTestSchema();
  const store = await openPostgresStorage(schema.settings);
  try {
    return await measureLiveRouting(store, AGENTS, WAITING, ROUNDS);
  } finally {
    await store.close();
    await schema.drop();
  }
}

const live: Record<string, number> = {};
for (const storage of STORAGES) {
  if (storage !== 'sqlite' && storage !== 'postgres') throw new Error(`ROUTING_STORAGES: unknown storage ${storage}`);
  const figures = storage === 'sqlite' ? await onSqlite() : await onPostgres();
  console.log(`[routing] live on ${storage}: ${JSON.stringify(figures)} (load ${loadavg()[0]!.toFixed(2)})`);
  for (const [name, value] of Object.entries(figures)) live[`routing_live_${storage}_${name}`] = value;
}

console.log(
  JSON.stringify({
    agents: AGENTS,
    waiting: WAITING,
    decisions: DECISIONS,
    ...measureBoard(AGENTS, WAITING, DECISIONS),
    live_rounds: ROUNDS,
    ...live,
    load_1m: Math.round(loadavg()[0]! * 100) / 100,
    node: process.version,
  }),
);
