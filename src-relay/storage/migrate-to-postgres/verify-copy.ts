import type Database from 'better-sqlite3';
import type pg from 'pg';
import { COPY_PLAN } from './copy-plan.js';
import { sourceLogs, targetLogs } from './tenant-logs.js';

export interface CopyReport {
  tables: { table: string; source: number; target: number }[];
  tenants: { tenantId: string; sourceHead: number; targetHead: number; sourceFloor: number; targetFloor: number; targetLogHead: number }[];
  /** What differs, one line each; empty when the copy is complete. */
  differences: string[];
}

/** Compares row counts per table, and each tenant's head seq and floor, on both sides. */
export async function verifyCopy(source: Database.Database, target: pg.Pool): Promise<CopyReport> {
  const tables = [];
  for (const { name } of COPY_PLAN) {
    const sourceCount = (source.prepare(`SELECT COUNT(*) AS count FROM ${name}`).get() as { count: number }).count;
    const { rows } = await target.query<{ count: number }>(`SELECT COUNT(*)::bigint AS count FROM ${name}`);
    tables.push({ table: name, source: sourceCount, target: rows[0]?.count ?? 0 });
  }
  const targets = new Map((await targetLogs(target)).map((log) => [log.tenantId, log]));
  const tenants = sourceLogs(source).map((log) => {
    const copy = targets.get(log.tenantId);
    return { tenantId: log.tenantId, sourceHead: log.head, targetHead: copy?.head ?? 0, sourceFloor: log.floor, targetFloor: copy?.floor ?? 0, targetLogHead: copy?.logHead ?? 0 };
  });
  const differences = [
    ...tables.filter((row) => row.source !== row.target).map((row) => `${row.table}: ${row.source} row(s) in SQLite, ${row.target} in PostgreSQL`),
    ...tenants
      .filter((row) => row.sourceHead !== row.targetHead || row.sourceHead !== row.targetLogHead || row.sourceFloor !== row.targetFloor)
      .map((row) => `tenant ${row.tenantId}: head ${row.sourceHead} and floor ${row.sourceFloor} in SQLite, head ${row.targetHead} (log ${row.targetLogHead}) and floor ${row.targetFloor} in PostgreSQL`),
  ];
  return { tables, tenants, differences };
}

export function formatReport(report: CopyReport): string {
  const lines = [
    'table                  SQLite  PostgreSQL',
    ...report.tables.map((row) => `${row.table.padEnd(22)} ${String(row.source).padStart(7)} ${String(row.target).padStart(11)}${row.source === row.target ? '' : '  DIFFERS'}`),
    'tenant                 head (SQLite / PostgreSQL)  floor (SQLite / PostgreSQL)',
    ...report.tenants.map((row) => `${row.tenantId.padEnd(22)} ${row.sourceHead} / ${row.targetHead}  ${row.sourceFloor} / ${row.targetFloor}`),
    report.differences.length === 0 ? 'Verified: every table and every tenant\'s head and floor match.' : `NOT verified, ${report.differences.length} difference(s):`,
    ...report.differences.map((line) => `  ${line}`),
  ];
  return lines.join('\n');
}
