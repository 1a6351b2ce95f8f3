import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import type Database from 'better-sqlite3';
import CipherDatabase from 'better-sqlite3-multiple-ciphers';

/** The cache key: 32 random bytes (or derived from a passphrase), used raw, so no PBKDF2 runs at each open. */
export const CACHE_KEY_BYTES = 32;

/** The cache cannot be opened with the key given: another key, another passphrase, or a damaged file. */
export class CacheKeyError extends Error {
  constructor(readonly dbPath: string) {
    super(
      `The desk's cache (${dbPath}) cannot be opened with this key: it was encrypted with another key or passphrase, ` +
        'or the file is damaged. Nothing was changed. Enter the right passphrase, or sign out and wipe this device to start afresh.',
    );
    this.name = 'CacheKeyError';
  }
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Opens the cache encrypted with `key` (SQLCipher 4's format, through SQLite3MultipleCiphers), first
 * encrypting in place a cache that an earlier release left plain. In memory there is no file to
 * protect (SQLite3MultipleCiphers refuses a key there), so the connection stays plain.
 * The better-sqlite3 type is the fork's own API, which is better-sqlite3's.
 */
export function connectEncrypted(dbPath: string, key: Buffer): Database.Database {
  checkKey(key);
  if (dbPath === ':memory:') return connectPlain(dbPath);
  if (isPlainDatabase(dbPath)) encryptInPlace(dbPath, key);
  const db = new CipherDatabase(dbPath);
  try {
    useSqlcipherFormat(db);
    db.pragma(`key = ${keyLiteral(key)}`);
    refuseWrongKey(db, dbPath);
    return db as unknown as Database.Database;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A cache without a key (tests, benchmarks) also opens through SQLite3MultipleCiphers, so the desk
 * loads one SQLite build, never better-sqlite3's as well.
 */
export function connectPlain(dbPath: string): Database.Database {
  return new CipherDatabase(dbPath) as unknown as Database.Database;
}

/** Whether `key` opens the cache at `dbPath` (a missing or still plain cache takes any key). */
export function keyOpensCache(dbPath: string, key: Buffer): boolean {
  if (!existsSync(dbPath) || isPlainDatabase(dbPath)) return true;
  try {
    connectEncrypted(dbPath, key).close();
    return true;
  } catch (error) {
    if (error instanceof CacheKeyError) return false;
    throw error;
  }
}

/**
 * Re-encrypts every page under `key` (PRAGMA rekey). SQLite3MultipleCiphers cannot rekey in WAL
 * mode, so the WAL is folded in and the journal is a rollback journal meanwhile: the rekey is one
 * transaction, and a crash leaves the cache whole under the old key or the new.
 */
export function rekeyConnection(db: Database.Database, key: Buffer): void {
  checkKey(key);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  try {
    db.pragma(`rekey = ${keyLiteral(key)}`);
  } finally {
    db.pragma('journal_mode = WAL');
  }
}

/** True when the file starts with SQLite's plain header: a cache from before encryption. */
export function isPlainDatabase(dbPath: string): boolean {
  if (!existsSync(dbPath)) return false;
  const header = Buffer.alloc(PLAIN_HEADER.length);
  const fd = openSync(dbPath, 'r');
  try {
    return readSync(fd, header, 0, header.length, 0) === header.length && header.equals(PLAIN_HEADER);
  } finally {
    closeSync(fd);
  }
}

function encryptInPlace(dbPath: string, key: Buffer): void {
  const db = new CipherDatabase(dbPath);
  try {
    useSqlcipherFormat(db);
    rekeyConnection(db as unknown as Database.Database, key);
  } finally {
    db.close();
  }
}

/** SQLCipher 4's defaults, so a support engineer can open a cache with the standard sqlcipher tool and the key. */
function useSqlcipherFormat(db: CipherDatabase.Database): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
}

function refuseWrongKey(db: CipherDatabase.Database, dbPath: string): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new CacheKeyError(dbPath);
    throw error;
  }
}

/** A raw key as SQLCipher reads it: x'<64 hex digits>' (hex only, so safe inside the pragma). */
function keyLiteral(key: Buffer): string {
  return `"x'${key.toString('hex')}'"`;
}

function checkKey(key: Buffer): void {
  if (key.length !== CACHE_KEY_BYTES) throw new Error(`A cache key has ${CACHE_KEY_BYTES} bytes, not ${key.length}.`);
}
