import type { RelayStorage } from './port/relay-storage.js';
import { openSqliteStorage } from './sqlite/sqlite-storage.js';

/** A PostgreSQL connection URL, as RELAY_DATABASE_URL gives it. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * The relay's storage: PostgreSQL for a postgres:// URL (RELAY_DATABASE_URL), else the embedded
 * SQLite database at this path (or ':memory:').
 */
export async function openRelayStorage(location: string): Promise<RelayStorage> {
  if (isPostgresUrl(location)) return openPostgresStorage(location);
  return openSqliteStorage(location);
}

// The PostgreSQL adapter (storage/postgres) plugs in here.
async function openPostgresStorage(_url: string): Promise<RelayStorage> {
  throw new Error('RELAY_DATABASE_URL names a PostgreSQL database, but this relay has no PostgreSQL adapter yet (src-relay/storage/postgres). Unset it to use the embedded SQLite database (RELAY_DB).');
}
