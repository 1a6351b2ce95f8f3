import { expect } from 'vitest';
import { addAuditLog } from '../0026-add-audit-log.js';
import { insertAccounts, rows, type RelayCase } from './relay-rows.js';

const ENTRY = "('t1', 1, 5, 'ann', '127.0.0.1', 'auth.signed_in', 'account', 'ann', '{}', 'p', 'h')";

/** One chain per tenant, seq from 1; rows can be added, never changed or removed. */
export const CASES_AUDIT: RelayCase[] = [
  {
    migration: addAuditLog,
    before(db) {
      insertAccounts(db);
    },
    schema: {
      created: [
        'table audit_log(tenant_id TEXT PK NOT NULL REFERENCES tenants(id), seq INTEGER PK NOT NULL, at INTEGER NOT NULL, actor_id TEXT, actor_address TEXT, action TEXT NOT NULL, target_type TEXT, target_id TEXT, details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL) WITHOUT ROWID',
        'trigger audit_log_no_delete ON audit_log',
        'trigger audit_log_no_update ON audit_log',
      ],
    },
    after(db) {
      db.exec(`INSERT INTO audit_log VALUES ${ENTRY}`);
      expect(rows(db, 'SELECT seq, action, details FROM audit_log')).toEqual([{ seq: 1, action: 'auth.signed_in', details: '{}' }]);
      expect(() => db.exec(`INSERT INTO audit_log VALUES ${ENTRY}`)).toThrow(/UNIQUE/);
      expect(() => db.exec("INSERT INTO audit_log VALUES ('t1', 0, 5, NULL, NULL, 'a', NULL, NULL, '{}', 'p', 'h')")).toThrow(/CHECK/);
      expect(() => db.exec("INSERT INTO audit_log VALUES ('nobody', 2, 5, NULL, NULL, 'a', NULL, NULL, '{}', 'p', 'h')")).toThrow(/FOREIGN KEY/);
      expect(() => db.exec("UPDATE audit_log SET details = '{\"x\":1}'")).toThrow(/append-only/);
      expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    },
  },
];
