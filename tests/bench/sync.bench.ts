import { CATCHUP_EVENTS, catchUp } from './support/sync-catchup.js';
import { fanOut } from './support/sync-fanout.js';
import { pouchCatchUp } from './support/pouch-replication.js';
import { runBench } from './support/run-guard.js';

/**
 * `npm run bench -- sync`: catch-up of 100,000 events from a relay on SQLite and from one on
 * PostgreSQL (keys `sqlite_…`, `postgres_…`), PouchDB replicating as many documents in the same run,
 * then live fan-out to 500 desks on one relay (support/sync-fanout.ts; on PostgreSQL when
 * RELAY_DATABASE_URL is a postgres:// URL). The last line is one JSON object.
 * BENCH_ONLY=catchup|pouchdb|fanout runs one part, for profiling.
 */

const benchStart = performance.now();
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
const only = process.env.BENCH_ONLY;
if (only && !['catchup', 'pouchdb', 'fanout'].includes(only)) throw new Error('BENCH_ONLY is catchup, pouchdb or fanout');
const runs = (part: string) => !only || only === part;

async function main(): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = { events: CATCHUP_EVENTS };
  // BENCH_CATCHUP_STORAGE=sqlite|postgres: one adapter's catch-up alone, for profiling.
  const adapters = (['sqlite', 'postgres'] as const).filter((storage) => !process.env.BENCH_CATCHUP_STORAGE || process.env.BENCH_CATCHUP_STORAGE === storage);
  if (runs('catchup')) {
    for (const storage of adapters) {
      for (const [key, value] of Object.entries(await catchUp(storage, POSTGRES_URL))) result[`${storage}_${key}`] = value;
    }
  }
  if (runs('pouchdb')) Object.assign(result, await pouchCatchUp(CATCHUP_EVENTS));
  const pouch = result.pouchdb_events_per_s;
  for (const storage of adapters) {
    const ours = result[`${storage}_catchup_events_per_s`];
    if (typeof ours === 'number' && typeof pouch === 'number') result[`${storage}_catchup_vs_pouchdb`] = Math.round((ours / pouch) * 100) / 100;
  }
  if (runs('fanout')) Object.assign(result, await fanOut());
  return result;
}

// Generous: on PostgreSQL the 100,000-event log alone takes minutes to build on a busy machine.
await runBench(main, 25 * 60_000, benchStart);
