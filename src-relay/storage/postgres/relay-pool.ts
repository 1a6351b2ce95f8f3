import type pg from 'pg';
import { migratePostgres } from '../../../src-node/postgres/migration.js';
import { openPool, type PostgresSettings } from '../../../src-node/postgres/pool.js';
import type { FutureRefusal } from '../../../src-node/sqlite/migration.js';
import { POSTGRES_MIGRATIONS } from './migrations/index.js';

/** The same words as the SQLite side's refusal (storage/relay-store.ts), for the same situation. */
export const refuseNewerRelay: FutureRefusal = (found, known) =>
  `The relay database is at schema version ${found}, but this relay knows versions up to ${known}. ` +
  'It was written by a newer relay: run that version, or restore a backup made by this one.';

/**
 * Opens a pool on the relay's PostgreSQL database and brings its schema to this relay's last
 * migration (nodes starting together migrate once); refuses a database written by a newer relay.
 */
export async function openRelayPool(settings: PostgresSettings, onIdleError: (error: Error) => void): Promise<pg.Pool> {
  const pool = openPool(settings, onIdleError);
  try {
    await migratePostgres(pool, POSTGRES_MIGRATIONS, refuseNewerRelay);
    return pool;
  } catch (error) {
    await pool.end();
    throw error;
  }
}
