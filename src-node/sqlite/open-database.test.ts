import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FutureDatabaseError, type Migration } from './migration.js';
import { openDatabase, type DatabaseSetup } from './open-database.js';

const createNotes: Migration = { version: 1, name: 'create-notes', up: (db) => db.exec('CREATE TABLE notes (body TEXT)') };
const setup: DatabaseSetup = { migrations: [createNotes], describeFuture: () => 'too new' };

describe('openDatabase', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'open-database-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates missing folders, migrates, and runs WAL with synchronous=FULL and foreign keys', () => {
    const db = openDatabase(path.join(dir, 'nested', 'deeper', 'a.sqlite'), setup);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('user_version', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('refuses a database from the future, and closes it again', () => {
    const file = path.join(dir, 'future.sqlite');
    const future = new Database(file);
    future.pragma('user_version = 9');
    future.close();
    const close = vi.spyOn(Database.prototype, 'close');
    try {
      expect(() => openDatabase(file, setup)).toThrow(new FutureDatabaseError(9, 1, 'too new'));
      expect(close).toHaveBeenCalledTimes(1);
    } finally {
      close.mockRestore();
    }
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(9);
    after.close();
  });
});
