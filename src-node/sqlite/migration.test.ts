import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FutureDatabaseError, migrate, userVersion, type Migration } from './migration.js';

const step = (version: number, sql: string): Migration => ({ version, name: `step-${version}`, up: (db) => db.exec(sql) });
const createNotes = step(1, 'CREATE TABLE notes (body TEXT)');
const addAuthor = step(2, 'ALTER TABLE notes ADD COLUMN author TEXT');
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
  beforeEach(() => {
    db = new Database(':memory:');
  });
  afterEach(() => db.close());

  it('brings a fresh database to the last migration and records it in user_version', () => {
    expect(migrate(db, [createNotes, addAuthor])).toEqual({ from: 0, to: 2 });
    expect(userVersion(db)).toBe(2);
    expect(migrate(db, [createNotes, addAuthor])).toEqual({ from: 2, to: 2 });
  });

  it('applies only the migrations a database lacks, and keeps its rows', () => {
    migrate(db, [createNotes]);
    db.exec("INSERT INTO notes VALUES ('kept')");
    expect(migrate(db, [createNotes, addAuthor])).toEqual({ from: 1, to: 2 });
    expect(db.prepare("SELECT name FROM pragma_table_info('notes')").pluck().all()).toEqual(['body', 'author']);
    expect(db.prepare('SELECT body, author FROM notes').all()).toEqual([{ body: 'kept', author: null }]);
  });

  it('rolls a failing migration back whole, version included', () => {
    expect(() => migrate(db, [createNotes, broken])).toThrow('boom');
    expect(userVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
  });

  it('refuses a database from the future in its owner’s words, and leaves it untouched', () => {
    db.pragma('user_version = 7');
    const refusal = (found: number, known: number) => `found ${found}, know ${known}: update me`;
    expect(() => migrate(db, [createNotes], refusal)).toThrow(new FutureDatabaseError(7, 1, 'found 7, know 1: update me'));
    expect(() => migrate(db, [createNotes], refusal)).toThrow(FutureDatabaseError);
    expect(() => migrate(db, [createNotes])).toThrow(/schema version 7.*knows only up to 1.*newer release/);
    expect(userVersion(db)).toBe(7);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0);
  });

  it('refuses migrations that are not numbered 1, 2, 3, ...', () => {
    expect(() => migrate(db, [addAuthor])).toThrow(/expected 1/);
    expect(() => migrate(db, [createNotes, step(3, 'SELECT 1')])).toThrow(/step-3 has version 3; expected 2/);
    expect(userVersion(db)).toBe(0);
  });
});
