import Database from 'better-sqlite3';
import { migrate, userVersion, type Migration } from '../sqlite/migration.js';
import type { MigrationEngine, Schema, SchemaObject } from './migration-harness.js';

/** SQLite for the migration harness: an in-memory database, the shared runner, and the schema as sqlite_master and the pragmas show it. */
export const sqliteEngine: MigrationEngine<Database.Database, Migration> = {
  open: () => new Database(':memory:'),
  migrate: (db, migrations) => {
    migrate(db, migrations);
  },
  version: userVersion,
  schemaOf: sqliteSchema,
  close: (db) => {
    db.close();
  },
};

interface MasterRow {
  type: 'table' | 'view' | 'index' | 'trigger';
  name: string;
  tbl_name: string;
  sql: string;
}

interface TableListRow {
  name: string;
  type: 'table' | 'view' | 'shadow' | 'virtual';
  wr: 0 | 1;
  strict: 0 | 1;
}

interface ForeignKeyRow {
  from: string;
  table: string;
  to: string | null;
  on_delete: string;
}

interface ColumnRow {
  name: string;
  type: string;
  notnull: 0 | 1;
  dflt_value: string | null;
  pk: number;
}

export function sqliteSchema(db: Database.Database): Schema {
  const tables = new Map(db.prepare<[], TableListRow>("SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main'").all().map((t) => [t.name, t]));
  // Internal tables (sqlite_*) and the shadow tables of full-text indexes are SQLite's business, not the schema's.
  const rows = db
    .prepare<[], MasterRow>("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL")
    .all()
    .filter((row) => tables.get(row.name)?.type !== 'shadow');
  return new Map(rows.map((row) => describe(db, row, tables.get(row.name))).map((o) => [`${o.kind} ${o.name}`, o]));
}

function describe(db: Database.Database, row: MasterRow, listed: TableListRow | undefined): SchemaObject {
  const definition = row.sql.replace(/\s+/g, ' ').trim();
  if (listed?.type === 'virtual') {
    return { kind: 'virtual table', name: row.name, columns: [], summary: definition.replace(/^CREATE VIRTUAL TABLE /i, ''), definition };
  }
  if (row.type === 'table' || row.type === 'view') {
    const info = db.prepare<[string], ColumnRow>('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)').all(row.name);
    // A view's columns by name: their types and constraints are its tables'.
    const keys = db.prepare<[string], ForeignKeyRow>('SELECT "from", "table", "to", on_delete FROM pragma_foreign_key_list(?)').all(row.name);
    const columns = row.type === 'view' ? info.map((c) => c.name) : info.map((c) => columnOf(c, keys.find((k) => k.from === c.name)));
    const options = [listed?.strict ? ' STRICT' : '', listed?.wr ? ' WITHOUT ROWID' : ''].join('');
    const summary = row.type === 'view' ? `${row.name}(${columns.join(', ')})` : `${row.name}(${columns.join(', ')})${options}`;
    return { kind: row.type, name: row.name, columns, summary, definition };
  }
  if (row.type === 'index') {
    return { kind: 'index', name: row.name, columns: [], summary: definition.replace(/^CREATE (UNIQUE )?INDEX /i, (_, unique?: string) => (unique ? 'UNIQUE ' : '')), definition };
  }
  return { kind: 'trigger', name: row.name, columns: [], summary: `${row.name} ON ${row.tbl_name}`, definition };
}

function columnOf(column: ColumnRow, key: ForeignKeyRow | undefined): string {
  const reference = key ? `REFERENCES ${key.table}${key.to ? `(${key.to})` : ''}${key.on_delete === 'NO ACTION' ? '' : ` ON DELETE ${key.on_delete}`}` : '';
  const fallback = column.dflt_value === null ? '' : `DEFAULT ${column.dflt_value}`;
  return [column.name, column.type, column.pk ? 'PK' : '', column.notnull ? 'NOT NULL' : '', fallback, reference].filter(Boolean).join(' ');
}
