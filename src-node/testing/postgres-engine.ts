import type pg from 'pg';
import { migratePostgres, postgresVersion, VERSIONS_TABLE, type PostgresMigration } from '../postgres/migration.js';
import type { MigrationEngine, Schema, SchemaObject } from './migration-harness.js';
import { createTestSchema, type TestSchema } from './postgres-schema.js';

/**
 * PostgreSQL for the migration harness: a fresh schema per case (dropped after), the PostgreSQL
 * runner, and the schema as the catalogue shows it. Callers check `postgresAvailable()` first.
 */
export const postgresEngine: MigrationEngine<TestSchema, PostgresMigration> = {
  open: createTestSchema,
  migrate: async (db, migrations) => {
    await migratePostgres(db.pool, migrations);
  },
  version: (db) => postgresVersion(db.pool),
  schemaOf: (db) => postgresSchema(db.pool, db.name),
  close: (db) => db.drop(),
};

interface RelationRow {
  oid: number;
  name: string;
  kind: 'r' | 'p' | 'v' | 'm' | 'S';
  view: string | null;
}

interface ColumnRow {
  relation: number;
  number: number;
  name: string;
  type: string;
  not_null: boolean;
  fallback: string | null;
  identity: '' | 'a' | 'd';
  generated: '' | 's';
}

interface ConstraintRow {
  relation: number;
  type: 'p' | 'u' | 'f' | 'c' | 'x';
  columns: number[];
  definition: string;
}

interface NamedRow {
  name: string;
  owner: string;
  definition: string;
}

/** Tables, views, sequences of its own, indexes, triggers and functions in `schema`; the runner's version table is left out. */
export async function postgresSchema(db: pg.Pool | pg.ClientBase, schema: string): Promise<Schema> {
  const relations = await db.query<RelationRow>(
    `SELECT c.oid::int AS oid, c.relname AS name, c.relkind AS kind, CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS view
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relname <> $2
        -- an identity column's sequence is part of its column
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i')`,
    [schema, VERSIONS_TABLE],
  );
  const oids = relations.rows.map((r) => r.oid);
  const columns = await db.query<ColumnRow>(
    `SELECT a.attrelid::int AS relation, a.attnum AS number, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS fallback, a.attidentity AS identity, a.attgenerated AS generated
       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attrelid, a.attnum`,
    [oids],
  );
  const constraints = await db.query<ConstraintRow>(
    `SELECT conrelid::int AS relation, contype AS type, conkey::int[] AS columns, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE conrelid = ANY($1::oid[]) AND contype <> 'n' ORDER BY conrelid, conname`,
    [oids],
  );
  const indexes = await db.query<NamedRow>(
    `SELECT i.relname AS name, t.relname AS owner, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = i.relnamespace
      WHERE n.nspname = $1 AND t.relname <> $2 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))`,
    [schema, VERSIONS_TABLE],
  );
  const triggers = await db.query<NamedRow>(
    `SELECT g.tgname AS name, c.relname AS owner, pg_get_triggerdef(g.oid) AS definition
       FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND NOT g.tgisinternal`,
    [schema],
  );
  const functions = await db.query<NamedRow>(
    `SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name, '' AS owner, pg_get_functiondef(p.oid) AS definition
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1`,
    [schema],
  );
  // The catalogue names this schema's objects in full where the search path would not find them.
  const unqualified = (text: string) => text.replaceAll(`${schema}.`, '');
  const objects: SchemaObject[] = [
    ...relations.rows.map((relation) =>
      describeRelation(
        relation,
        columns.rows.filter((c) => c.relation === relation.oid),
        constraints.rows.filter((c) => c.relation === relation.oid).map((c) => ({ ...c, definition: unqualified(c.definition) })),
      ),
    ),
    ...indexes.rows.map((index) => {
      const definition = unqualified(index.definition);
      const summary = definition.replace(/^CREATE (UNIQUE )?INDEX /, (_, unique?: string) => (unique ? 'UNIQUE ' : '')).replace(' USING btree ', '');
      return { kind: 'index', name: index.name, columns: [], summary, definition };
    }),
    ...triggers.rows.map((trigger) => ({ kind: 'trigger', name: trigger.name, columns: [], summary: `${trigger.name} ON ${trigger.owner}`, definition: unqualified(trigger.definition) })),
    ...functions.rows.map((fn) => ({ kind: 'function', name: fn.name, columns: [], summary: fn.name, definition: unqualified(fn.definition) })),
  ];
  return new Map(objects.map((o) => [`${o.kind} ${o.name}`, o]));
}

const KINDS = { r: 'table', p: 'table', v: 'view', m: 'materialized view', S: 'sequence' } as const;

/**
 * A table's columns each with its type, default and the constraints on that column alone (PK,
 * UNIQUE, REFERENCES, CHECK); constraints over several columns follow the columns, so a
 * migration that adds one shows as `+ UNIQUE (a, b)`.
 */
function describeRelation(relation: RelationRow, columns: ColumnRow[], constraints: ConstraintRow[]): SchemaObject {
  const kind = KINDS[relation.kind];
  if (kind === 'sequence') return { kind, name: relation.name, columns: [], summary: relation.name, definition: relation.name };
  if (kind !== 'table') {
    const names = columns.map((c) => c.name);
    return { kind, name: relation.name, columns: names, summary: `${relation.name}(${names.join(', ')})`, definition: (relation.view ?? '').replace(/\s+/g, ' ').trim() };
  }
  const onColumn = (column: ColumnRow) => constraints.filter((c) => c.columns.length === 1 && c.columns[0] === column.number);
  const described = columns.map((column) => describeColumn(column, onColumn(column)));
  const tableConstraints = constraints.filter((c) => c.columns.length !== 1).map((c) => c.definition);
  const all = [...described, ...tableConstraints];
  return { kind, name: relation.name, columns: all, summary: `${relation.name}(${all.join(', ')})`, definition: all.join(', ') };
}

function describeColumn(column: ColumnRow, constraints: ConstraintRow[]): string {
  const primary = constraints.some((c) => c.type === 'p');
  const inline = constraints
    .filter((c) => c.type !== 'p')
    .map((c) => (c.type === 'f' ? c.definition.replace(/^FOREIGN KEY \([^)]*\) /, '') : c.type === 'u' ? 'UNIQUE' : c.definition));
  const identity = { '': '', a: 'GENERATED ALWAYS AS IDENTITY', d: 'GENERATED BY DEFAULT AS IDENTITY' }[column.identity];
  const fallback = column.fallback === null ? '' : column.generated === 's' ? `GENERATED ALWAYS AS (${column.fallback}) STORED` : `DEFAULT ${column.fallback}`;
  return [column.name, column.type, primary ? 'PK' : '', column.not_null && !primary ? 'NOT NULL' : '', fallback, identity, ...inline].filter(Boolean).join(' ');
}
