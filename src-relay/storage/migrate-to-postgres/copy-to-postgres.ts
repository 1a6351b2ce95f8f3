import type Database from 'better-sqlite3';
import type pg from 'pg';
import { checkPlanCoversSource, COPY_PLAN } from './copy-plan.js';
import { createProgressTable, readProgress } from './copy-progress.js';
import { copyTable, inTransaction, type CopyOptions } from './copy-table.js';
import { targetDifferences } from './target-check.js';
import { setTenantHeads, sourceLogs } from './tenant-logs.js';
import { verifyCopy, type CopyReport } from './verify-copy.js';

/** The target holds data this copy did not write: copying would mix two relays' logs. */
export class TargetRefused extends Error {
  constructor(readonly differences: readonly string[]) {
    super(`The PostgreSQL database already holds different data; nothing was copied:\n${differences.map((line) => `  ${line}`).join('\n')}`);
  }
}

/**
 * Copies a relay's SQLite database into a migrated PostgreSQL one, raw rows table by table (ids,
 * seqs, times, floors, mutation ids kept), so desks keep their cursors; resumes an interrupted
 * copy; then sets each tenant's head row and compares both sides. The source must not change
 * meanwhile (stop its relay): a row changed behind the copy's position would not be copied again.
 */
export async function copyToPostgres(source: Database.Database, target: pg.Pool, options: Partial<CopyOptions> = {}): Promise<CopyReport> {
  checkPlanCoversSource(source);
  const differences = await targetDifferences(source, target);
  if (differences.length > 0) throw new TargetRefused(differences);
  await createProgressTable(target);
  const progress = await readProgress(target);
  const copy: CopyOptions = { batchSize: options.batchSize ?? 500, afterBatch: options.afterBatch };
  for (const table of COPY_PLAN) {
    const from = progress.get(table.name) ?? { table: table.name, lastKey: null, rows: 0, done: false };
    await copyTable(source, target, table, from, copy);
  }
  await inTransaction(target, (client) => setTenantHeads(client, sourceLogs(source)));
  // The load triggers rewrote an agent's row for each of their conversations copied: leave the
  // table and its indexes as a running database's, not thousands of dead versions per agent.
  await target.query('VACUUM ANALYZE agents');
  return verifyCopy(source, target);
}
