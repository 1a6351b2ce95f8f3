// npm run bench -- routing: routing decisions with 5,000 agents and 50,000 waiting conversations. Last line: one JSON object.
//   ROUTING_AGENTS / ROUTING_WAITING   sizes (default 5,000 and 50,000)
//   ROUTING_LIVE_ROUNDS                arrivals and resolves through the relay's live path, per storage (default 400)
//   ROUTING_STORAGES                   which relay storages to measure live (default "sqlite,postgres"; PostgreSQL
//                                      at RELAY_TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test, in a schema of its own)
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTestSchema, type TestSchema } from '../../src-node/testing/postgres-schema.js';
import { copyToPostgres } from '../../src-relay/storage/migrate-to-postgres/copy-to-postgres.js';
import { openPostgresStorage } from '../../src-relay/storage/postgres/postgres-storage.js';
import { openRelayPool } from '../../src-relay/storage/postgres/relay-pool.js';
import { openRelayDatabase, openSqliteStorage } from '../../src-relay/storage/sqlite/sqlite-storage.js';
import { measureLiveRouting } from './support/live-routing.js';
import { seedFloor } from './support/routing-traffic.js';

const AGENTS = Number(process.env.ROUTING_AGENTS ?? 5_000);
const WAITING = Number(process.env.ROUTING_WAITING ?? 50_000);
const ROUNDS = Number(process.env.ROUTING_LIVE_ROUNDS ?? 400);
const STORAGES = (process.env.ROUTING_STORAGES ?? 'sqlite,postgres').split(',').filter(Boolean);

if (STORAGES.some((storage) => storage !== 'sqlite' && storage !== 'postgres')) throw new Error(`ROUTING_STORAGES: sqlite and/or postgres, not ${STORAGES.join(',')}`);

// One floor, written once on SQLite; PostgreSQL gets a copy by the relay's own move to PostgreSQL
// (raw rows in batches), far quicker than writing 100,000 rows one statement at a time.
const dir = mkdtempSync(path.join(tmpdir(), 'routing-bench-'));
const sqlitePath = path.join(dir, 'relay.db');
const seededAt = Date.now();
let started = performance.now();
const seeded = openSqliteStorage(sqlitePath);
const floor = await seedFloor(seeded, AGENTS, WAITING, seededAt);
await seeded.close();
const live: Record<string, number> = { routing_live_seed_s: Math.round(performance.now() - started) / 1000 };

const schema = STORAGES.includes('postgres') ? await createTestSchema() : null;
try {
  if (schema) {
    started = performance.now();
    await copyFloor(sqlitePath, schema);
    live.routing_live_postgres_copy_s = Math.round(performance.now() - started) / 1000;
  }
  for (const storage of STORAGES) {
    const store = storage === 'postgres' && schema ? await openPostgresStorage(schema.settings) : openSqliteStorage(sqlitePath);
    try {
      const figures = await measureLiveRouting(store, floor, seededAt, ROUNDS);
      console.log(`[routing] live on ${storage}: ${JSON.stringify(figures)} (load ${loadavg()[0]!.toFixed(2)})`);
      for (const [name, value] of Object.entries(figures)) live[`routing_live_${storage}_${name}`] = value;
    } finally {
      await store.close();
    }
  }
} finally {
  await schema?.drop();
  rmSync(dir, { recursive: true, force: true });
}

/** The seeded SQLite database into the (migrated) PostgreSQL schema, then analysed as a running database would be. */
async function copyFloor(from: string, to: TestSchema): Promise<void> {
  const source = openRelayDatabase(from);
  const target = await openRelayPool(to.settings, () => undefined);
  try {
    const report = await copyToPostgres(source, target);
    if (report.differences.length > 0) throw new Error(`the copy differs: ${report.differences.join('; ')}`);
    await target.query('ANALYZE');
  } finally {
    await target.end();
    source.close();
  }
}

console.log(
  JSON.stringify({
    agents: AGENTS,
    waiting: WAITING,
    live_rounds: ROUNDS,
    ...live,
    load_1m: Math.round(loadavg()[0]! * 100) / 100,
    node: process.version,
  }),
);
