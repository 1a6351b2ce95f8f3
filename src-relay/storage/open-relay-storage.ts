import type { RelayStorage } from './port/relay-storage.js';
import { openPostgresStorage } from './postgres/postgres-storage.js';
import { openSqliteStorage } from './sqlite/sqlite-storage.js';

/** A PostgreSQL connection URL, as RELAY_DATABASE_URL gives it. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * The relay's storage: PostgreSQL for a postgres:// URL (RELAY_DATABASE_URL), else the embedded
 * SQLite database at this path (or ':memory:'). `onIdleError` hears of a pooled PostgreSQL
 * connection lost while idle (the pool replaces it).
 */
export async function openRelayStorage(location: string, onIdleError?: (error: Error) => void): Promise<RelayStorage> {
  if (isPostgresUrl(location)) return openPostgresStorage({ url: location }, onIdleError);
  return openSqliteStorage(location);
}
