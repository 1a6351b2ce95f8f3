import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../../src-shared/domain/audit.js';
import { nextAuditRow } from '../../audit/audit-chain.js';
import type { AuditRepository, StoredAuditRow } from '../port/audit.js';
import { entryOfRow, type AuditRowColumns } from '../rows/audit-row.js';
import type { Synchronous } from './synchronous.js';

const COLUMNS = `seq, at, actor_id AS actorId, actor_address AS actorAddress, action, target_type AS targetType,
  target_id AS targetId, details, prev_hash AS prevHash, hash`;

/** Each tenant's audit chain. An append reads the last entry and writes the next in one synchronous call: nothing runs between. */
export function createAuditStore(db: Database.Database): Synchronous<AuditRepository> {
  const sql = {
    last: db.prepare<[string], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log WHERE tenant_id = ? ORDER BY seq DESC LIMIT 1'),
    insert: db.prepare(
      `INSERT INTO audit_log (tenant_id, seq, at, actor_id, actor_address, action, target_type, target_id, details, prev_hash, hash)
       VALUES (@tenantId, @seq, @at, @actorId, @actorAddress, @action, @targetType, @targetId, @details, @prevHash, @hash)`,
    ),
    list: db.prepare(
      `SELECT ${COLUMNS} FROM audit_log
        WHERE tenant_id = @tenantId AND (@action IS NULL OR action = @action) AND (@actorId IS NULL OR actor_id = @actorId)
          AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to) AND (@before IS NULL OR seq < @before)
        ORDER BY seq DESC LIMIT @limit`,
    ),
    rows: db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE tenant_id = ? AND seq > ? ORDER BY seq LIMIT ?`),
  };
  return {
    append(tenantId, record): AuditEntry {
      const row = nextAuditRow(tenantId, sql.last.get(tenantId) ?? null, record);
      sql.insert.run({ tenantId, ...row, targetType: row.target?.type ?? null, targetId: row.target?.id ?? null });
      return { ...row, details: record.details };
    },
    list(tenantId, filter) {
      const rows = sql.list.all({ tenantId, action: null, actorId: null, from: null, to: null, before: null, ...filter }) as AuditRowColumns[];
      return rows.map((row) => entryOfRow(row));
    },
    rows(tenantId, afterSeq, limit): StoredAuditRow[] {
      return (sql.rows.all(tenantId, afterSeq, limit) as AuditRowColumns[]).map((row) => ({ ...entryOfRow(row), details: row.details }));
    },
  };
}
