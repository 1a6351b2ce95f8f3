import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Migration } from '../sqlite/migration.js';
import { checkCoverage, checkMigration, type MigrationCase } from './migration-harness.js';
import { sqliteEngine } from './sqlite-engine.js';

const step = (version: number, sql: string): Migration => ({ version, name: `step-${version}`, up: (db) => db.exec(sql) });
const createNotes = step(1, `CREATE TABLE authors (id TEXT PRIMARY KEY);
  CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, author_id TEXT REFERENCES authors(id) ON DELETE CASCADE) STRICT;
  CREATE VIEW note_bodies AS SELECT id, body FROM notes;`);
const addPinned = step(2, `ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX notes_pinned ON notes (pinned) WHERE pinned = 1;
  DROP VIEW note_bodies; CREATE VIEW note_bodies AS SELECT id, body, pinned FROM notes;
  CREATE TRIGGER notes_after_delete AFTER DELETE ON notes BEGIN SELECT 1; END;
  CREATE VIRTUAL TABLE notes_fts USING fts5(body);
  DROP TABLE authors;`);
const MIGRATIONS = [createNotes, addPinned];

type Case = MigrationCase<Database.Database, Migration>;
const pinnedCase: Case = {
  migration: addPinned,
  before: (db) => void db.exec("INSERT INTO notes (body) VALUES ('kept')"),
  schema: {
    created: ['index notes_pinned ON notes (pinned) WHERE pinned = 1', 'trigger notes_after_delete ON notes', 'virtual table notes_fts USING fts5(body)'],
    dropped: ['table authors'],
    altered: ['table notes + pinned INTEGER NOT NULL DEFAULT 0', 'view note_bodies + pinned'],
  },
  after: (db) => expect(db.prepare('SELECT body, pinned FROM notes').all()).toEqual([{ body: 'kept', pinned: 0 }]),
};

describe('checkMigration', () => {
  it('describes what a migration created, dropped and altered, columns, keys and table options included', async () => {
    await checkMigration(sqliteEngine, MIGRATIONS, pinnedCase);
    await checkMigration(sqliteEngine, MIGRATIONS, {
      migration: createNotes,
      schema: {
        created: [
          'table authors(id TEXT PK)',
          'table notes(id INTEGER PK, body TEXT NOT NULL, author_id TEXT REFERENCES authors(id) ON DELETE CASCADE) STRICT',
          'view note_bodies(id, body)',
        ],
      },
      after: () => undefined,
    });
  });

  it('fails when the schema changes otherwise than the case says', async () => {
    const missing = { ...pinnedCase, schema: { ...pinnedCase.schema, dropped: [] } };
    await expect(checkMigration(sqliteEngine, MIGRATIONS, missing)).rejects.toThrow(/to deeply equal/);
  });

  it('fails when the rows are not what the case says, and runs the rows at the version before', async () => {
    const wrong: Case = { ...pinnedCase, after: (db) => expect(db.prepare('SELECT pinned FROM notes').pluck().all()).toEqual([1]) };
    await expect(checkMigration(sqliteEngine, MIGRATIONS, wrong)).rejects.toThrow(/expected/);
    const tooLate: Case = { ...pinnedCase, before: (db) => void db.exec('INSERT INTO notes (body, pinned) VALUES (1, 1)') };
    await expect(checkMigration(sqliteEngine, MIGRATIONS, tooLate)).rejects.toThrow(/no column named pinned/);
  });

  it('refuses a case for a migration outside the list', async () => {
    await expect(checkMigration(sqliteEngine, [createNotes], pinnedCase)).rejects.toThrow(/names a migration of this list/);
  });
});

describe('checkCoverage', () => {
  it('wants one case per migration, in order', () => {
    const first: Case = { migration: createNotes, schema: {}, after: () => undefined };
    checkCoverage(MIGRATIONS, [first, pinnedCase]);
    expect(() => checkCoverage(MIGRATIONS, [first])).toThrow();
    expect(() => checkCoverage(MIGRATIONS, [pinnedCase, first])).toThrow();
  });
});
