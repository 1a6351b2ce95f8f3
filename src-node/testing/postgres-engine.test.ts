import { describe, expect, it } from 'vitest';
import type { PostgresMigration } from '../postgres/migration.js';
import { checkCoverage, checkMigration, type MigrationCase } from './migration-harness.js';
import { postgresEngine } from './postgres-engine.js';
import { postgresAvailable, type TestSchema } from './postgres-schema.js';

const step = (version: number, sql: string): PostgresMigration => ({ version, name: `step-${version}`, up: async (client) => void (await client.query(sql)) });
const createNotes = step(1, `CREATE TABLE authors (id text PRIMARY KEY);
  CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL CHECK (body <> ''),
    author_id text REFERENCES authors(id) ON DELETE CASCADE, UNIQUE (author_id, body));
  CREATE VIEW note_bodies AS SELECT id, body FROM notes;`);
const addPinned = step(2, `ALTER TABLE notes ADD COLUMN pinned smallint NOT NULL DEFAULT 0;
  CREATE INDEX notes_pinned ON notes (pinned) WHERE pinned = 1;
  CREATE OR REPLACE VIEW note_bodies AS SELECT id, body, pinned FROM notes;
  CREATE FUNCTION notes_touched() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
  CREATE TRIGGER notes_after_update AFTER UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION notes_touched();
  ALTER TABLE notes DROP COLUMN author_id;
  DROP TABLE authors;`);
const MIGRATIONS = [createNotes, addPinned];

type Case = MigrationCase<TestSchema, PostgresMigration>;
const pinnedCase: Case = {
  migration: addPinned,
  before: async (db) => void (await db.pool.query("INSERT INTO notes (body) VALUES ('kept')")),
  schema: {
    created: ['function notes_touched()', 'index notes_pinned ON notes(pinned) WHERE (pinned = 1)', 'trigger notes_after_update ON notes'],
    dropped: ['table authors'],
    altered: [
      "table notes + pinned smallint NOT NULL DEFAULT 0 - author_id text REFERENCES authors(id) ON DELETE CASCADE - UNIQUE (author_id, body)",
      'view note_bodies + pinned',
    ],
  },
  after: async (db) => expect((await db.pool.query('SELECT id, body, pinned FROM notes')).rows).toEqual([{ id: 1, body: 'kept', pinned: 0 }]),
};

describe.skipIf(!(await postgresAvailable()))('the PostgreSQL engine of the migration harness', () => {
  it('describes what a migration created, dropped and altered: columns, defaults, identity, keys and checks', async () => {
    await checkMigration(postgresEngine, MIGRATIONS, pinnedCase);
    await checkMigration(postgresEngine, MIGRATIONS, {
      migration: createNotes,
      schema: {
        created: [
          'table authors(id text PK)',
          "table notes(id bigint PK GENERATED ALWAYS AS IDENTITY, body text NOT NULL CHECK ((body <> ''::text)), author_id text REFERENCES authors(id) ON DELETE CASCADE, UNIQUE (author_id, body))",
          'view note_bodies(id, body)',
        ],
      },
      after: () => undefined,
    });
  });

  it('fails when the schema or the rows are not what the case says', async () => {
    const missing = { ...pinnedCase, schema: { ...pinnedCase.schema, dropped: [] } };
    await expect(checkMigration(postgresEngine, MIGRATIONS, missing)).rejects.toThrow(/to deeply equal/);
    const tooLate: Case = { ...pinnedCase, before: async (db) => void (await db.pool.query("INSERT INTO notes (body, pinned) VALUES ('x', 1)")) };
    await expect(checkMigration(postgresEngine, MIGRATIONS, tooLate)).rejects.toThrow(/column "pinned" of relation "notes" does not exist/);
  });

  it('wants one case per migration, in order', () => {
    const first: Case = { migration: createNotes, schema: {}, after: () => undefined };
    checkCoverage(MIGRATIONS, [first, pinnedCase]);
    expect(() => checkCoverage(MIGRATIONS, [pinnedCase])).toThrow();
  });
});
