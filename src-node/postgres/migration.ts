import type pg from 'pg';
import { FutureDatabaseError, type FutureRefusal, type MigrationOutcome } from '../sqlite/migration.js';

/** One schema step, in `migrations/NNNN-what-it-does.ts`. `version` is the database's version once `up` ran. */
export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  /** Runs inside the step's transaction, on that transaction's client. */
  up(client: pg.ClientBase): Promise<void>;
}

/** The runner's own table: one row per applied step. It belongs to no migration, and the harness leaves it out of the schema. */
export const VERSIONS_TABLE = 'schema_migrations';

const refuseFuture: FutureRefusal = (found, known) =>
  `This database has schema version ${found}, but this program knows only up to ${known}. It was written by a newer release.`;

/**
 * Brings the schema to the last migration, each step in its own transaction that also records
 * its version, so a crash leaves the database at a whole version. Several nodes may start at
 * once: each step first takes a transaction-scoped advisory lock for this schema, then reads the
 * version, so a step runs once and the others wait and find it done. A database from a newer
 * release is refused, untouched.
 */
export async function migratePostgres(pool: pg.Pool, migrations: readonly PostgresMigration[], describeFuture: FutureRefusal = refuseFuture): Promise<MigrationOutcome> {
  checkNumbering(migrations);
  const client = await pool.connect();
  try {
    let from: number | undefined;
    for (;;) {
      const step = await inTransaction(client, () => applyNextStep(client, migrations, describeFuture));
      from ??= step.found;
      if (!step.applied) {
        client.release();
        return { from, to: migrations.length };
      }
    }
  } catch (error) {
    // A client that failed mid-step may be unusable: the pool closes it rather than lend it again.
    client.release(true);
    throw error;
  }
}

/** Under the schema's migration lock: the version found, and whether a step was applied on top of it. */
async function applyNextStep(client: pg.ClientBase, migrations: readonly PostgresMigration[], describeFuture: FutureRefusal): Promise<{ found: number; applied: boolean }> {
  await client.query("SELECT pg_advisory_xact_lock(hashtextextended('schema_migrations:' || COALESCE(current_schema(), ''), 0))");
  await client.query(`CREATE TABLE IF NOT EXISTS ${VERSIONS_TABLE} (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const found = await postgresVersion(client);
  if (found > migrations.length) throw new FutureDatabaseError(found, migrations.length, describeFuture(found, migrations.length));
  const next = migrations[found];
  if (!next) return { found, applied: false };
  await next.up(client);
  await client.query(`INSERT INTO ${VERSIONS_TABLE} (version, name) VALUES ($1, $2)`, [next.version, next.name]);
  return { found, applied: true };
}

/** The version the runner recorded; 0 for a schema it never ran in. */
export async function postgresVersion(db: pg.ClientBase | pg.Pool): Promise<number> {
  const table = await db.query<{ found: boolean }>(`SELECT to_regclass('${VERSIONS_TABLE}') IS NOT NULL AS found`);
  if (!table.rows[0]?.found) return 0;
  const { rows } = await db.query<{ version: number }>(`SELECT COALESCE(MAX(version), 0) AS version FROM ${VERSIONS_TABLE}`);
  return rows[0]?.version ?? 0;
}

async function inTransaction<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function checkNumbering(migrations: readonly PostgresMigration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration ${migration.name} has version ${migration.version}; expected ${index + 1}.`);
    }
  });
}
