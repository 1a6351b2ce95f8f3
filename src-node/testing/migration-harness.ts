import { expect } from 'vitest';

/**
 * One harness for every migration, of the cache and of the relay: for migration N it builds a
 * database at N-1, writes the case's rows, runs N, and checks the schema change and the rows.
 * What depends on the database engine (opening, running migrations, reading the schema) sits
 * behind `MigrationEngine`, so another engine's migrations can use the same cases' shape.
 */

/** A schema object as the engine describes it, keyed by `kind name` ("table notices", "index notices_shown"). */
export interface SchemaObject {
  kind: string;
  name: string;
  /** Columns of a table or view, each with its type and constraints; empty for other kinds. */
  columns: readonly string[];
  /** How the object is described when created (columns, the indexed expression, the trigger's table). */
  summary: string;
  /** Its whole definition, compared to tell a re-created object from an unchanged one. */
  definition: string;
}

export type Schema = ReadonlyMap<string, SchemaObject>;

export interface MigrationEngine<Db, M> {
  open(): Db | Promise<Db>;
  /** Runs the migrations the database lacks, in the engine's own runner. */
  migrate(db: Db, migrations: readonly M[]): void | Promise<void>;
  /** The version the runner recorded. */
  version(db: Db): number | Promise<number>;
  schemaOf(db: Db): Schema | Promise<Schema>;
  close(db: Db): void | Promise<void>;
}

/** What a migration changed: objects created (with their summary), dropped, and altered (with the columns it added or removed). */
export interface SchemaChange {
  created: string[];
  dropped: string[];
  altered: string[];
}

export interface MigrationCase<Db, M> {
  migration: M;
  /** Rows that exercise what the migration changes, written at version N-1. */
  before?(db: Db): void | Promise<void>;
  /** Exactly what the migration does to the schema; omitted lists are empty. */
  schema: Partial<SchemaChange>;
  /** The rows once the migration ran: kept, transformed, defaulted; and what the new schema now refuses or does. */
  after(db: Db): void | Promise<void>;
}

export async function checkMigration<Db, M>(engine: MigrationEngine<Db, M>, migrations: readonly M[], migrationCase: MigrationCase<Db, M>): Promise<void> {
  const version = migrations.indexOf(migrationCase.migration) + 1;
  expect(version, 'the case names a migration of this list').toBeGreaterThan(0);
  const db = await engine.open();
  try {
    await engine.migrate(db, migrations.slice(0, version - 1));
    const before = await engine.schemaOf(db);
    await migrationCase.before?.(db);
    await engine.migrate(db, migrations.slice(0, version));
    expect(await engine.version(db)).toBe(version);
    expect(schemaChange(before, await engine.schemaOf(db))).toEqual(sorted({ created: [], dropped: [], altered: [], ...migrationCase.schema }));
    await migrationCase.after(db);
  } finally {
    await engine.close(db);
  }
}

/** Every migration has its case, in order: adding a migration without one fails. */
export function checkCoverage<M>(migrations: readonly M[], cases: readonly MigrationCase<unknown, M>[]): void {
  expect(cases.map((c) => migrations.indexOf(c.migration) + 1)).toEqual(migrations.map((_, index) => index + 1));
}

export function schemaChange(before: Schema, after: Schema): SchemaChange {
  const created = [...after.values()].filter((o) => !before.has(key(o))).map((o) => `${o.kind} ${o.summary}`);
  const dropped = [...before.values()].filter((o) => !after.has(key(o))).map(key);
  const altered = [...after.values()].flatMap((o) => {
    const old = before.get(key(o));
    if (!old || old.definition === o.definition) return [];
    const added = o.columns.filter((c) => !old.columns.includes(c)).map((c) => `+ ${c}`);
    const removed = old.columns.filter((c) => !o.columns.includes(c)).map((c) => `- ${c}`);
    return [[key(o), ...added, ...removed].join(' ')];
  });
  return sorted({ created, dropped, altered });
}

const key = (o: SchemaObject) => `${o.kind} ${o.name}`;

function sorted(change: SchemaChange): SchemaChange {
  return { created: [...change.created].sort(), dropped: [...change.dropped].sort(), altered: [...change.altered].sort() };
}
