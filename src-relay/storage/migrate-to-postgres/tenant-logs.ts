import type Database from 'better-sqlite3';
import type pg from 'pg';

/** A tenant's log as a desk's cursor sees it: its head seq, and the floor below which it was pruned. */
export interface TenantLog {
  tenantId: string;
  head: number;
  floor: number;
}

/** SQLite's head is the newest event's seq, or the floor when pruning or erasure left no event above it. */
export function sourceLogs(source: Database.Database): TenantLog[] {
  return source
    .prepare(
      `SELECT t.id AS tenantId,
              MAX(COALESCE((SELECT MAX(e.seq) FROM events e WHERE e.tenant_id = t.id), 0),
                  COALESCE((SELECT f.floor_seq FROM log_floors f WHERE f.tenant_id = t.id), 0)) AS head,
              COALESCE((SELECT f.floor_seq FROM log_floors f WHERE f.tenant_id = t.id), 0) AS floor
         FROM tenants t ORDER BY t.id`,
    )
    .all() as TenantLog[];
}

/**
 * PostgreSQL's head is the tenant's `tenant_heads` row (what commits take seqs from and pulls
 * compare cursors with); `logHead` is what its events and floor say, which must agree with it.
 */
export async function targetLogs(target: pg.Pool): Promise<(TenantLog & { logHead: number })[]> {
  const { rows } = await target.query<TenantLog & { logHead: number }>(
    `SELECT t.id AS "tenantId",
            COALESCE(h.head, 0) AS head,
            COALESCE(f.floor_seq, 0) AS floor,
            GREATEST(COALESCE((SELECT MAX(e.seq) FROM events e WHERE e.tenant_id = t.id), 0), COALESCE(f.floor_seq, 0)) AS "logHead"
       FROM tenants t
       LEFT JOIN tenant_heads h ON h.tenant_id = t.id
       LEFT JOIN log_floors f ON f.tenant_id = t.id
      ORDER BY t.id COLLATE "C"`,
  );
  return rows;
}

/**
 * Sets each tenant's head row to its SQLite head: the copied events were written without taking
 * seqs, so the next commit must continue from the source's head (head + 1), as it would have there.
 */
export async function setTenantHeads(client: pg.ClientBase, logs: readonly TenantLog[]): Promise<void> {
  for (const log of logs) {
    await client.query(
      `INSERT INTO tenant_heads (tenant_id, head) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET head = excluded.head`,
      [log.tenantId, log.head],
    );
  }
}
