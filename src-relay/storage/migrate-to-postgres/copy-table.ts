import type Database from 'better-sqlite3';
import type pg from 'pg';
import { sourceColumns, type TableCopy } from './copy-plan.js';
import { recordProgress, type TableProgress } from './copy-progress.js';

export interface BatchCopied {
  table: string;
  rows: number;
  /** The table's rows copied so far, this batch included. */
  copied: number;
}

export interface CopyOptions {
  batchSize: number;
  /** Called after each batch has committed (progress, or a test that interrupts the copy). */
  afterBatch?: (batch: BatchCopied) => void | Promise<void>;
}

/**
 * Copies one table's rows after `progress.lastKey`, in batches in key order. Each batch and its
 * progress commit together, so a copy stopped anywhere resumes after its last committed batch.
 */
export async function copyTable(source: Database.Database, target: pg.Pool, table: TableCopy, from: TableProgress, options: CopyOptions): Promise<TableProgress> {
  const columns = sourceColumns(source, table.name);
  const read = batchReader(source, table, columns, options.batchSize);
  let progress = from;
  while (!progress.done) {
    const rows = read(progress.lastKey);
    const last = rows.at(-1);
    progress = {
      table: table.name,
      lastKey: last ? table.key.map((_, index) => last[`copy_key_${index}`]) : progress.lastKey,
      rows: progress.rows + rows.length,
      done: rows.length < options.batchSize,
    };
    await inTransaction(target, async (client) => {
      if (rows.length > 0) await insertRows(client, table.name, columns, rows);
      await recordProgress(client, progress);
    });
    if (rows.length > 0) await options.afterBatch?.({ table: table.name, rows: rows.length, copied: progress.rows });
  }
  return progress;
}

type SourceRow = Record<string, unknown>;

function batchReader(source: Database.Database, table: TableCopy, columns: string[], batchSize: number): (after: unknown[] | null) => SourceRow[] {
  const keys = table.key.map((column, index) => `${column} AS copy_key_${index}`).join(', ');
  const order = table.key.join(', ');
  const select = `SELECT ${keys}, ${columns.join(', ')} FROM ${table.name}`;
  const first = source.prepare(`${select} ORDER BY ${order} LIMIT ?`);
  // A row value comparison: the keyset resumes strictly after the last row copied.
  const next = source.prepare(`${select} WHERE (${order}) > (${table.key.map(() => '?').join(', ')}) ORDER BY ${order} LIMIT ?`);
  return (after) => (after === null ? first.all(batchSize) : next.all(...after, batchSize)) as SourceRow[];
}

async function insertRows(client: pg.ClientBase, table: string, columns: string[], rows: SourceRow[]): Promise<void> {
  const values = rows.map((_, row) => `(${columns.map((_, column) => `$${row * columns.length + column + 1}`).join(', ')})`);
  await client.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`,
    rows.flatMap((row) => columns.map((column) => row[column])),
  );
}

export async function inTransaction<T>(target: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await target.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
