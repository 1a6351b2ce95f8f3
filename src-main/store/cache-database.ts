import type Database from 'better-sqlite3';
import { openDatabase } from '../../src-node/sqlite/open-database.js';
import { connectEncrypted, connectPlain } from './cache-cipher.js';
import { CACHE_MIGRATIONS } from './migrations/index.js';

/**
 * Opens (creating if needed) and migrates the cache, encrypted with `key` when one is given (both
 * hosts always give one; tests may not). Throws CacheKeyError for the wrong key and
 * FutureDatabaseError for a cache written by a newer release.
 */
export function openCacheDatabase(dbPath: string, key: Buffer | null = null): Database.Database {
  return openDatabase(dbPath, {
    migrations: CACHE_MIGRATIONS,
    connect: key ? (file) => connectEncrypted(file, key) : connectPlain,
    describeFuture: (found, known) =>
      `This cache has schema version ${found}, but this version of the workstation knows only up to ${known}. ` +
      'It was written by a newer release: update the workstation, or move the cache file away to start afresh.',
  });
}
