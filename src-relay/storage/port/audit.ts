import type { AuditAction, AuditEntry, AuditRecord } from '../../../src-shared/domain/audit.js';

/** A stored entry as written: details as the canonical JSON text that was hashed (audit/audit-chain.ts). */
export type StoredAuditRow = Omit<AuditEntry, 'details'> & { details: string };

/** Which entries a reader wants: newest first, below the `before` seq cursor. */
export interface AuditFilter {
  action?: AuditAction;
  actorId?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  before?: number;
  limit: number;
}

/**
 * Each tenant's append-only audit log, a hash chain (docs/audit.md). There is no update and no
 * delete: not here, and on PostgreSQL a trigger refuses them too.
 */
export interface AuditRepository {
  /**
   * Appends the entry that follows the tenant's last, in the caller's transaction when there is
   * one (so a change rolled back leaves no entry). Appends for one tenant never fork the chain:
   * SQLite writes one transaction at a time; PostgreSQL holds the tenant's head row (tenant-seq.ts).
   */
  append(tenantId: string, record: AuditRecord): Promise<AuditEntry>;
  /** Entries matching the filter, newest first. An entry whose stored details no longer parse is shown with none. */
  list(tenantId: string, filter: AuditFilter): Promise<AuditEntry[]>;
  /** Rows as stored, seq above `afterSeq` ascending, for the verifier. */
  rows(tenantId: string, afterSeq: number, limit: number): Promise<StoredAuditRow[]>;
}
