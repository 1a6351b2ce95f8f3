import { expect } from 'vitest';
import { addAuditLog } from '../0015-add-audit-log.js';
import { insertConversation, refusal, rows, type PostgresCase } from './postgres-rows.js';

const ENTRY = "('t1', 1, 5, 'ann', '127.0.0.1', 'auth.signed_in', 'account', 'ann', '{}', 'p', 'h')";

/** One chain per tenant, seq from 1; rows can be added, never changed, removed or truncated. */
export const POSTGRES_AUDIT_CASES: PostgresCase[] = [
  {
    migration: addAuditLog,
    async before(db) {
      await insertConversation(db);
    },
    schema: {
      created: [
        'function audit_log_append_only()',
        'table audit_log(tenant_id text NOT NULL REFERENCES tenants(id), seq bigint NOT NULL CHECK ((seq > 0)), at bigint NOT NULL, actor_id text, actor_address text, action text NOT NULL, target_type text, target_id text, details text NOT NULL, prev_hash text NOT NULL, hash text NOT NULL, PRIMARY KEY (tenant_id, seq))',
        'trigger audit_log_no_truncate ON audit_log',
        'trigger audit_log_no_update_or_delete ON audit_log',
      ],
    },
    async after(db) {
      await db.pool.query(`INSERT INTO audit_log VALUES ${ENTRY}`);
      expect(await rows(db, 'SELECT seq, action, details FROM audit_log')).toEqual([{ seq: 1, action: 'auth.signed_in', details: '{}' }]);
      expect(await refusal(db, `INSERT INTO audit_log VALUES ${ENTRY}`)).toMatch(/audit_log_pkey/);
      expect(await refusal(db, "INSERT INTO audit_log VALUES ('t1', 0, 5, NULL, NULL, 'a', NULL, NULL, '{}', 'p', 'h')")).toMatch(/audit_log_seq_check/);
      expect(await refusal(db, "UPDATE audit_log SET details = '{\"x\":1}'")).toMatch(/append-only/);
      expect(await refusal(db, 'DELETE FROM audit_log')).toMatch(/append-only/);
      expect(await refusal(db, 'TRUNCATE audit_log')).toMatch(/append-only/);
    },
  },
];
