import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/** What identifies a customer: words (matched in any case, also as hex and base64 where bytes are kept) and a file's bytes. */
export interface Needles {
  words: readonly string[];
  files: readonly Buffer[];
}

/** One place a needle was found: `table.column` (or a file path) and which needle. */
export interface Trace {
  where: string;
  needle: string;
  /** The row's key columns or the start of the value, so a failure says which row. */
  sample: string;
}

/** Every text and blob column of every table of a SQLite database (FTS shadow tables included), searched row by row. */
export function sqliteTraces(dbPath: string, needles: Needles): Trace[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'").pluck().all() as string[];
    const traces: Trace[] = [];
    for (const table of tables) {
      for (const row of db.prepare(`SELECT * FROM "${table}"`).iterate() as Iterable<Record<string, unknown>>) {
        for (const [column, value] of Object.entries(row)) traces.push(...valueTraces(`${table}.${column}`, value, needles, row));
      }
    }
    return traces;
  } finally {
    db.close();
  }
}

/** Every table of the PostgreSQL schema `url`'s search_path names, each row as JSON (bytea as hex), searched. */
export async function postgresTraces(url: string, needles: Needles): Promise<Trace[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name");
    const traces: Trace[] = [];
    for (const { table_name: table } of tables.rows) {
      const rows = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table}" t`);
      for (const { row } of rows.rows) traces.push(...valueTraces(table, row, needles, { row: row.slice(0, 160) }));
    }
    return traces;
  } finally {
    await client.end();
  }
}

/** Every file under `dir`, its bytes and its name. */
export function fileTraces(dir: string, needles: Needles): Trace[] {
  const traces: Trace[] = [];
  for (const file of filesUnder(dir)) {
    traces.push(...valueTraces(file, readFileSync(file), needles, { file }));
    traces.push(...valueTraces(`${file} (name)`, path.basename(file), needles, { file }));
  }
  return traces;
}

/** Names of the tables a SQLite database has (for the test to say what it searched). */
export function sqliteTables(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  } finally {
    db.close();
  }
}

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function valueTraces(where: string, value: unknown, needles: Needles, row: Record<string, unknown>): Trace[] {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'bigint') return [];
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8');
  const text = bytes.toString('utf8').toLowerCase();
  const found: string[] = [];
  for (const word of needles.words) {
    const forms = [word, Buffer.from(word).toString('hex'), Buffer.from(word).toString('base64')];
    if (forms.some((form) => text.includes(form.toLowerCase()))) found.push(word);
  }
  needles.files.forEach((file, index) => {
    // A whole file as bytes, hex (PostgreSQL's bytea in JSON) or base64 (a message's JSON).
    if (bytes.includes(file) || text.includes(file.toString('hex')) || bytes.includes(Buffer.from(file.toString('base64')))) found.push(`file #${index + 1}`);
  });
  return found.map((needle) => ({ where, needle, sample: sampleOf(row) }));
}

function sampleOf(row: Record<string, unknown>): string {
  return JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? `<${value.length} bytes>` : value)).slice(0, 200);
}
