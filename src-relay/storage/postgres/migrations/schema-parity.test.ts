import { describe, expect, it } from 'vitest';
import type { Schema } from '../../../../src-node/testing/migration-harness.js';
import { postgresEngine } from '../../../../src-node/testing/postgres-engine.js';
import { postgresAvailable } from '../../../../src-node/testing/postgres-schema.js';
import { sqliteEngine } from '../../../../src-node/testing/sqlite-engine.js';
import { MIGRATIONS } from '../../sqlite/migrations/index.js';
import { POSTGRES_MIGRATIONS } from './index.js';

/** What only PostgreSQL has: the head row the seq takes, and the stand-in for SQLite's rowid. */
const POSTGRES_ONLY = { tables: ['tenant_heads'], columns: ['messages.position'] };

/**
 * The logical schema, as both engines can say it: each table's columns with whether a value is
 * required, the default (without PostgreSQL's casts) and what it references; and the index names.
 * Types differ on purpose (docs/relay-storage.md), so they are left out.
 */
function logical(schema: Schema): { tables: Record<string, string[]>; indexes: string[] } {
  const tables: Record<string, string[]> = {};
  for (const object of schema.values()) {
    if (object.kind !== 'table') continue;
    tables[object.name] = object.columns
      .filter((column) => !/^(PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY) /.test(column))
      .map((column) => {
        const name = column.split(' ')[0] ?? '';
        const required = /\bPK\b|NOT NULL/.test(column) ? 'required' : 'optional';
        const fallback = /DEFAULT ('[^']*'|\d+)/.exec(column)?.[1];
        const reference = /REFERENCES (\w+\(\w+\)( ON DELETE CASCADE)?)/.exec(column)?.[1];
        return [name, required, fallback && `default ${fallback}`, reference && `references ${reference}`].filter(Boolean).join(' ');
      })
      .filter((column) => !POSTGRES_ONLY.columns.includes(`${object.name}.${column.split(' ')[0]}`));
  }
  for (const table of POSTGRES_ONLY.tables) delete tables[table];
  const indexes = [...schema.values()].filter((o) => o.kind === 'index').map((o) => o.name).sort();
  return { tables, indexes };
}

describe.skipIf(!(await postgresAvailable()))('the PostgreSQL schema', () => {
  it("has SQLite's tables, columns, defaults, references and indexes, once each side's migrations ran", async () => {
    const sqlite = await sqliteEngine.open();
    sqliteEngine.migrate(sqlite, MIGRATIONS);
    const expected = logical(sqliteEngine.schemaOf(sqlite) as Schema);
    sqliteEngine.close(sqlite);

    const postgres = await postgresEngine.open();
    try {
      await postgresEngine.migrate(postgres, POSTGRES_MIGRATIONS);
      expect(logical(await postgresEngine.schemaOf(postgres))).toEqual(expected);
    } finally {
      await postgresEngine.close(postgres);
    }
  });
});
