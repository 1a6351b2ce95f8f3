import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * The audit log (docs/audit.md): each tenant's entries, seq gap-free from 1, each chained to the
 * one before by hash. `details` is the canonical JSON text that was hashed. The triggers refuse
 * UPDATE and DELETE, so not even a mistaken store function can rewrite it.
 */
export const addAuditLog: Migration = {
  version: 26,
  name: '0026-add-audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        seq INTEGER NOT NULL CHECK (seq > 0),
        at INTEGER NOT NULL,
        actor_id TEXT,
        actor_address TEXT,
        action TEXT NOT NULL,
        target_type TEXT,
        target_id TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (tenant_id, seq)
      ) WITHOUT ROWID;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
