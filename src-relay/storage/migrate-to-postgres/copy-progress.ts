import type pg from 'pg';

/**
 * How far each table's copy has come, kept in the target itself and written in the same
 * transaction as each batch: after an interruption the copy resumes after the last committed
 * batch, and never writes a row twice. Kept after the copy, so a second run knows the data is its own.
 */
export interface TableProgress {
  table: string;
  /** The keyset values of the last row copied (JSON), null before the first batch. */
  lastKey: unknown[] | null;
  rows: number;
  done: boolean;
}

export const PROGRESS_TABLE = 'sqlite_copy_progress';

export async function createProgressTable(db: pg.Pool): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS ${PROGRESS_TABLE} (
    table_name text PRIMARY KEY,
    last_key text,
    copied_rows bigint NOT NULL,
    done boolean NOT NULL
  )`);
}

export async function progressTableExists(db: pg.Pool): Promise<boolean> {
  const { rows } = await db.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [PROGRESS_TABLE]);
  return rows[0]?.found != null;
}

export async function readProgress(db: pg.Pool): Promise<Map<string, TableProgress>> {
  const { rows } = await db.query<{ table_name: string; last_key: string | null; copied_rows: number; done: boolean }>(`SELECT * FROM ${PROGRESS_TABLE}`);
  return new Map(rows.map((row) => [row.table_name, { table: row.table_name, lastKey: row.last_key === null ? null : (JSON.parse(row.last_key) as unknown[]), rows: row.copied_rows, done: row.done }]));
}

export async function recordProgress(client: pg.ClientBase, progress: TableProgress): Promise<void> {
  await client.query(
    `INSERT INTO ${PROGRESS_TABLE} (table_name, last_key, copied_rows, done) VALUES ($1, $2, $3, $4)
     ON CONFLICT (table_name) DO UPDATE SET last_key = excluded.last_key, copied_rows = excluded.copied_rows, done = excluded.done`,
    [progress.table, progress.lastKey === null ? null : JSON.stringify(progress.lastKey), progress.rows, progress.done],
  );
}
