import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { connectSession, redactedUrl } from '../../../src-node/postgres/pool.js';
import { isPostgresUrl } from '../../../src-relay/storage/open-relay-storage.js';

/** Where a benchmark's relay keeps its data: `location` is what startRelay and openRelayStorage open. */
export interface BenchDatabase {
  /** 'sqlite' or 'postgres', for the result line. */
  storage: 'sqlite' | 'postgres';
  location: string;
  remove(): Promise<void>;
}

/**
 * A fresh relay database for one part of a benchmark: with RELAY_DATABASE_URL=postgres://… (or
 * `url`, '' for SQLite) a schema of its own in that database (dropped by `remove`), else a SQLite file in `dir`.
 */
export async function benchDatabase(dir: string, name: string, url = process.env.RELAY_DATABASE_URL): Promise<BenchDatabase> {
  if (!url || !isPostgresUrl(url)) return { storage: 'sqlite', location: path.join(dir, `${name}.db`), remove: async () => undefined };
  const schema = `bench_${name}_${randomBytes(4).toString('hex')}`;
  await asAdministrator(url, `CREATE SCHEMA ${schema}`);
  const location = new URL(url);
  location.searchParams.set('options', `-c search_path=${schema}`);
  console.log(`[bench] ${name} on PostgreSQL ${redactedUrl(url)}, schema ${schema}`);
  return { storage: 'postgres', location: location.toString(), remove: () => asAdministrator(url, `DROP SCHEMA ${schema} CASCADE`) };
}

async function asAdministrator(url: string, statement: string): Promise<void> {
  const session = await connectSession({ url }, () => undefined);
  try {
    await session.query(statement);
  } finally {
    await session.end();
  }
}
