import type Database from 'better-sqlite3';
import type pg from 'pg';
import { COPY_PLAN } from './copy-plan.js';
import { progressTableExists, readProgress } from './copy-progress.js';
import { sourceLogs, targetLogs } from './tenant-logs.js';

/**
 * Why the target must not be copied into, or an empty list. A target is fit when it is empty, or
 * holds exactly what an earlier run of this copy wrote: its tables have the rows that run recorded,
 * every tenant in it is one of the source's, and no tenant's head is beyond the source's (a relay
 * that ran on the copy since would have committed past it).
 */
export async function targetDifferences(source: Database.Database, target: pg.Pool): Promise<string[]> {
  const counts = await targetCounts(target);
  const resuming = await progressTableExists(target);
  const progress = resuming ? await readProgress(target) : new Map();
  const differences: string[] = [];
  for (const { name } of COPY_PLAN) {
    const expected = progress.get(name)?.rows ?? 0;
    const found = counts.get(name) ?? 0;
    if (found !== expected) differences.push(`table ${name} holds ${found} row(s), ${resuming ? `but this copy wrote ${expected}` : 'and this copy wrote none'}`);
  }
  const sources = new Map(sourceLogs(source).map((log) => [log.tenantId, log]));
  for (const log of await targetLogs(target)) {
    const mine = sources.get(log.tenantId);
    if (!mine) differences.push(`tenant ${log.tenantId} is not in the SQLite database`);
    else if (log.head > mine.head) differences.push(`tenant ${log.tenantId} is at seq ${log.head}, beyond the SQLite database's ${mine.head}`);
  }
  return differences;
}

async function targetCounts(target: pg.Pool): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const { name } of COPY_PLAN) {
    const { rows } = await target.query<{ count: number }>(`SELECT COUNT(*)::bigint AS count FROM ${name}`);
    counts.set(name, rows[0]?.count ?? 0);
  }
  return counts;
}
