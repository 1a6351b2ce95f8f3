import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migration.js';
import { CACHE_MIGRATIONS } from './migrations/index.js';

/**
 * Opens (creating if needed) and migrates the cache. synchronous=FULL because a reply counts as
 * kept once its call returns: the outbox row must survive a power cut, not just a crash.
 */
export function openCacheDatabase(dbPath: string): Database.Database {
  if (dbPath !== ':memory:') mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = new Database(dbPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrate(db, CACHE_MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
