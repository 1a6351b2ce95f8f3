import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { connectSession, openPool, redactedUrl, type PostgresSettings } from '../postgres/pool.js';

/** Where the PostgreSQL tests run: `RELAY_TEST_DATABASE_URL`, else the local server's `test` database. */
export const TEST_DATABASE_URL = process.env.RELAY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let availability: Promise<boolean> | undefined;

/**
 * Like kamailioAvailable (tests/support/kamailio.ts): skip loudly on a developer machine, fail
 * under CI=true. Asked once per test process. Use with top-level await:
 * `describe.skipIf(!(await postgresAvailable()))(...)`.
 */
export function postgresAvailable(): Promise<boolean> {
  availability ??= probe();
  return availability;
}

async function probe(): Promise<boolean> {
  let session: pg.Client | undefined;
  try {
    session = await connectSession({ url: TEST_DATABASE_URL }, () => undefined);
    await session.query('SELECT 1');
    return true;
  } catch (error) {
    const where = redactedUrl(TEST_DATABASE_URL);
    if (process.env.CI === 'true') {
      throw new Error(`PostgreSQL is not reachable at ${where} (${(error as Error).message}); CI must start it (set RELAY_TEST_DATABASE_URL if it runs elsewhere).`);
    }
    console.warn(`\n!!! PostgreSQL not reachable at ${where}: SKIPPING the PostgreSQL tests. Start one, or set RELAY_TEST_DATABASE_URL (${(error as Error).message})\n`);
    return false;
  } finally {
    await session?.end().catch(() => undefined);
  }
}

/** A schema of one test's own, and connections whose search_path is that schema alone. */
export interface TestSchema {
  name: string;
  /** Settings that reach this schema, for code that opens its own connections. */
  settings: PostgresSettings;
  pool: pg.Pool;
  /** A session outside the pool (a "node" of its own); ended by `drop` if still open. */
  session(): Promise<pg.Client>;
  /** Ends every connection and drops the schema with everything in it. */
  drop(): Promise<void>;
}

/** `CREATE SCHEMA relay_test_<random>`: tests running in parallel never see each other's tables. */
export async function createTestSchema(): Promise<TestSchema> {
  const name = `relay_test_${randomBytes(6).toString('hex')}`;
  await asAdministrator((admin) => admin.query(`CREATE SCHEMA ${name}`));
  const settings: PostgresSettings = { url: TEST_DATABASE_URL, schema: name };
  // A test that restarts or cuts the server checks what its own code does; the test pool only must not end the process.
  const pool = openPool({ ...settings, max: 4 }, () => undefined);
  const sessions = new Set<pg.Client>();
  return {
    name,
    settings,
    pool,
    async session() {
      // A test that kills a session looks at what its own code does; here the loss only must not end the process.
      const session = await connectSession(settings, () => undefined);
      sessions.add(session);
      session.once('end', () => sessions.delete(session));
      return session;
    },
    async drop() {
      await Promise.all([...sessions].map((session) => session.end().catch(() => undefined)));
      await pool.end();
      await asAdministrator((admin) => admin.query(`DROP SCHEMA ${name} CASCADE`));
    },
  };
}

async function asAdministrator<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = await connectSession({ url: TEST_DATABASE_URL }, () => undefined);
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
