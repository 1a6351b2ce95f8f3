import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type FutureRefusal, type Migration } from './migration.js';

export interface DatabaseSetup {
  migrations: readonly Migration[];
  describeFuture: FutureRefusal;
  /** Opens the connection (the desk's encrypted cache keys it here); by default plain better-sqlite3. */
  connect?: (dbPath: string) => Database.Database;
}

/**
 * Opens (creating its folder if needed) and migrates a database, closing it again if that fails.
 * synchronous=FULL because a reply, or the relay's ack, counts as kept once its call returns: the
 * commit must survive a power cut, not just a crash.
 */
export function openDatabase(dbPath: string, setup: DatabaseSetup): Database.Database {
  if (dbPath !== ':memory:') mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  const db = setup.connect ? setup.connect(dbPath) : new Database(dbPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // better-sqlite3's default, said aloud: a schema's REFERENCES hold.
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, setup.migrations, setup.describeFuture);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
