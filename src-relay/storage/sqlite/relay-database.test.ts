import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FutureDatabaseError, userVersion } from '../../../src-node/sqlite/migration.js';
import { MIGRATIONS } from './migrations/index.js';
import { openRelayDatabase } from './sqlite-storage.js';
import { tempSqliteFile } from '../../testing/test-relay.js';

describe('openRelayDatabase', () => {
  let temp: ReturnType<typeof tempSqliteFile> | null = null;
  afterEach(() => temp?.remove());

  it('brings a new database to the last migration', () => {
    temp = tempSqliteFile();
    const db = openRelayDatabase(temp.dbPath);
    expect(userVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a postgres:// location instead of making a file of that name, without repeating its password', () => {
    expect(() => openRelayDatabase('postgres://relay:s3cret@db.internal:5432/relay')).toThrow(/^A postgres:\/\/ URL is not a SQLite file/);
    expect(() => openRelayDatabase('postgres://relay:s3cret@db.internal:5432/relay')).not.toThrow(/s3cret/);
  });

  it('refuses a database written by a newer relay, with a clear error, and leaves it alone', () => {
    temp = tempSqliteFile();
    const future = new Database(temp.dbPath);
    future.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    future.close();
    expect(() => openRelayDatabase(temp!.dbPath)).toThrow(FutureDatabaseError);
    expect(() => openRelayDatabase(temp!.dbPath)).toThrow(new RegExp(`schema version ${MIGRATIONS.length + 5}.*newer relay`, 's'));
    const after = new Database(temp.dbPath);
    expect(userVersion(after)).toBe(MIGRATIONS.length + 5);
    after.close();
  });

  it('opens file databases with WAL, full sync and foreign keys', () => {
    temp = tempSqliteFile();
    const db = openRelayDatabase(temp.dbPath);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
