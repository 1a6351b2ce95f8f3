import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCacheDatabase } from './cache-database.js';
import { FutureDatabaseError } from '../../src-node/sqlite/migration.js';
import { CACHE_MIGRATIONS } from './migrations/index.js';

describe('openCacheDatabase', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cache-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates missing folders, migrates, and runs WAL with synchronous=FULL', () => {
    const db = openCacheDatabase(path.join(dir, 'nested', 'cache.sqlite'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('user_version', { simple: true })).toBe(CACHE_MIGRATIONS.length);
    } finally {
      db.close();
    }
  });

  it('keeps the client id when the cache is opened again', () => {
    const file = path.join(dir, 'cache.sqlite');
    const clientId = (db: Database.Database) => db.prepare('SELECT client_id FROM session').pluck().get();
    const first = openCacheDatabase(file);
    const id = clientId(first);
    first.close();
    const second = openCacheDatabase(file);
    expect(clientId(second)).toBe(id);
    second.close();
  });

  it('refuses a cache from a newer release and leaves it as it was', () => {
    const file = path.join(dir, 'future.sqlite');
    const future = new Database(file);
    future.exec('CREATE TABLE from_the_future (x)');
    future.pragma('user_version = 99');
    future.close();

    expect(() => openCacheDatabase(file)).toThrow(FutureDatabaseError);
    expect(() => openCacheDatabase(file)).toThrow(/schema version 99.*knows only up to \d+.*newer release: update the workstation/);
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(99);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['from_the_future']);
    after.close();
  });
});
