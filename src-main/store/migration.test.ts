import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FutureDatabaseError, migrate, userVersion, type Migration } from './migration.js';
import { CACHE_MIGRATIONS } from './migrations/index.js';

const createNotes: Migration = { version: 1, name: 'create-notes', up: (db) => db.exec('CREATE TABLE notes (body TEXT)') };
const addAuthor: Migration = { version: 2, name: 'add-author', up: (db) => db.exec('ALTER TABLE notes ADD COLUMN author TEXT') };
const broken: Migration = {
  version: 2,
  name: 'broken',
  up: (db) => {
    db.exec('CREATE TABLE half_done (x)');
    throw new Error('boom');
  },
};

describe('migrate', () => {
  let db: Database.Database;
  afterEach(() => db.close());

  it('brings a fresh database to the latest version and records it in user_version', () => {
    db = new Database(':memory:');
    expect(migrate(db, CACHE_MIGRATIONS)).toEqual({ from: 0, to: CACHE_MIGRATIONS.length });
    expect(userVersion(db)).toBe(CACHE_MIGRATIONS.length);
    expect(migrate(db, CACHE_MIGRATIONS)).toEqual({ from: CACHE_MIGRATIONS.length, to: CACHE_MIGRATIONS.length });
  });

  it('applies only the migrations a database lacks', () => {
    db = new Database(':memory:');
    migrate(db, [createNotes]);
    expect(migrate(db, [createNotes, addAuthor])).toEqual({ from: 1, to: 2 });
    expect(db.prepare("SELECT name FROM pragma_table_info('notes')").pluck().all()).toEqual(['body', 'author']);
  });

  it('refuses a database from the future with a clear error and leaves it untouched', () => {
    db = new Database(':memory:');
    const future = CACHE_MIGRATIONS.length + 1;
    db.pragma(`user_version = ${future}`);
    expect(() => migrate(db, CACHE_MIGRATIONS)).toThrow(FutureDatabaseError);
    expect(() => migrate(db, CACHE_MIGRATIONS)).toThrow(new RegExp(`schema version ${future}.*knows only up to ${CACHE_MIGRATIONS.length}.*newer release`));
    expect(userVersion(db)).toBe(future);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0);
  });

  it('rolls a failing migration back whole, version included', () => {
    db = new Database(':memory:');
    expect(() => migrate(db, [createNotes, broken])).toThrow('boom');
    expect(userVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
  });

  it('rejects a list with a gap in its numbering', () => {
    db = new Database(':memory:');
    expect(() => migrate(db, [addAuthor])).toThrow(/expected 1/);
  });
});
