import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/**
 * SQLite's 0026-add-audit-log: the audit log. `details` is text, not jsonb: jsonb would reorder
 * keys and respell numbers, and the hash covers the text as written. The trigger refuses UPDATE,
 * DELETE and TRUNCATE for every role; only one that may drop the trigger (the table's owner)
 * could rewrite history, and the verifier (`--verify-audit`) would name the first entry changed.
 */
export const addAuditLog: PostgresMigration = {
  version: 15,
  name: '0015-add-audit-log',
  async up(client) {
    await client.query(`
      CREATE TABLE audit_log (
        tenant_id text NOT NULL REFERENCES tenants(id),
        seq bigint NOT NULL CHECK (seq > 0),
        at bigint NOT NULL,
        actor_id text,
        actor_address text,
        action text NOT NULL,
        target_type text,
        target_id text,
        details text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (tenant_id, seq)
      );
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
        END;
      $$;
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `);
  },
};
