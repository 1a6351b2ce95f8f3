import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion, type Migration } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openDatabase } from './relay-store.js';
import { tempDatabase, type TempDatabase } from '../testing/test-relay.js';

const step = (version: number, sql: string): Migration => ({ version, name: `step-${version}`, up: (db) => db.exec(sql) });

describe('migrate', () => {
  let temp: TempDatabase | null = null;
  afterEach(() => temp?.remove());

  it('brings a fresh database to the last migration', () => {
    const db = new Database(':memory:');
    expect(migrate(db, MIGRATIONS)).toEqual({ from: 0, to: MIGRATIONS.length });
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(migrate(db, MIGRATIONS)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
  });

  it('applies only the steps a database lacks', () => {
    const db = new Database(':memory:');
    migrate(db, [step(1, 'CREATE TABLE a (x)')]);
    db.exec('INSERT INTO a VALUES (1)');
    migrate(db, [step(1, 'CREATE TABLE a (x)'), step(2, 'CREATE TABLE b (y)')]);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT x FROM a').all()).toEqual([{ x: 1 }]);
  });

  it('keeps the last whole version when a step fails', () => {
    const db = new Database(':memory:');
    const broken = [step(1, 'CREATE TABLE a (x)'), step(2, 'CREATE TABLE b (y); CREATE TABLE broken (')];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").all()).toEqual([]);
  });

  it('refuses a database written by a newer relay, with a clear error, and leaves it alone', () => {
    temp = tempDatabase();
    const future = new Database(temp.dbPath);
    future.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    future.close();
    expect(() => openDatabase(temp!.dbPath)).toThrow(new RegExp(`schema version ${MIGRATIONS.length + 5}.*newer relay`, 's'));
    const after = new Database(temp.dbPath);
    expect(schemaVersion(after)).toBe(MIGRATIONS.length + 5);
    after.close();
  });

  it('refuses migrations that are not numbered 1, 2, 3, ...', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [step(1, 'SELECT 1'), step(3, 'SELECT 1')])).toThrow(/expected 2/);
  });

  it('opens file databases with WAL, full sync and foreign keys', () => {
    temp = tempDatabase();
    const db = openDatabase(temp.dbPath);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
