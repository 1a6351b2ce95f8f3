import type { AuditRepository } from '../port/audit.js';
import { nextAuditRow } from '../../audit/audit-chain.js';
import { entryOfRow, type AuditRowColumns } from '../rows/audit-row.js';
import { rowsOf, type Query } from './query.js';

const COLUMNS = `seq, at, actor_id AS "actorId", actor_address AS "actorAddress", action, target_type AS "targetType",
  target_id AS "targetId", details, prev_hash AS "prevHash", hash`;

/**
 * Each tenant's audit chain. An append holds the tenant's head row (tenant-seq.ts), the lock the
 * tenant's commits already hold, before it reads the last entry: two nodes appending at once take
 * turns, and neither can chain to an entry the other is about to follow. It must run inside a
 * transaction; postgres-storage.ts gives a top-level append one of its own.
 */
export function auditRepository(query: Query): AuditRepository {
  return {
    async append(tenantId, record) {
      await holdTenant(query, tenantId);
      const [last] = await rowsOf<{ seq: number; hash: string }>(query, 'SELECT seq, hash FROM audit_log WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1', [tenantId]);
      const row = nextAuditRow(tenantId, last ? { seq: Number(last.seq), hash: last.hash } : null, record);
      await query(
        `INSERT INTO audit_log (tenant_id, seq, at, actor_id, actor_address, action, target_type, target_id, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [tenantId, row.seq, row.at, row.actorId, row.actorAddress, row.action, row.target?.type ?? null, row.target?.id ?? null, row.details, row.prevHash, row.hash],
      );
      return { ...row, details: record.details };
    },
    async list(tenantId, filter) {
      const rows = await rowsOf<AuditRowColumns>(
        query,
        `SELECT ${COLUMNS} FROM audit_log
          WHERE tenant_id = $1 AND ($2::text IS NULL OR action = $2) AND ($3::text IS NULL OR actor_id = $3)
            AND ($4::bigint IS NULL OR at >= $4) AND ($5::bigint IS NULL OR at < $5) AND ($6::bigint IS NULL OR seq < $6)
          ORDER BY seq DESC LIMIT $7`,
        [tenantId, filter.action ?? null, filter.actorId ?? null, filter.from ?? null, filter.to ?? null, filter.before ?? null, filter.limit],
      );
      return rows.map((row) => entryOfRow(row));
    },
    async rows(tenantId, afterSeq, limit) {
      const rows = await rowsOf<AuditRowColumns>(query, `SELECT ${COLUMNS} FROM audit_log WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, [tenantId, afterSeq, limit]);
      return rows.map((row) => ({ ...entryOfRow(row), details: row.details }));
    },
  };
}

/** The tenant's head row, locked until the transaction ends (held already when the transaction named its tenant); created for a tenant with no events yet. */
async function holdTenant(query: Query, tenantId: string): Promise<void> {
  const held = await query('SELECT head FROM tenant_heads WHERE tenant_id = $1 FOR NO KEY UPDATE', [tenantId]);
  if (held.rowCount) return;
  await query(
    `INSERT INTO tenant_heads (tenant_id, head) SELECT id, 0 FROM tenants WHERE id = $1
     ON CONFLICT (tenant_id) DO UPDATE SET head = tenant_heads.head`,
    [tenantId],
  );
}
