import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Email intake: where the relay stands in each IMAP folder it watches (UIDVALIDITY and the last
 * UID delivered, so an outage or a restart resumes there), and the senders and domains a tenant
 * refuses mail from (`kind` says which; `value` is lower-case, a domain in its ASCII form).
 */
export const addMailboxesAndBlockedSenders: Migration = {
  version: 21,
  name: '0021-add-mailboxes-and-blocked-senders',
  up(db) {
    db.exec(`
      CREATE TABLE imap_folder_states (
        account_id TEXT NOT NULL REFERENCES channel_accounts(id),
        folder TEXT NOT NULL,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        uid_validity INTEGER,
        last_uid INTEGER NOT NULL DEFAULT 0 CHECK (last_uid >= 0),
        window_start INTEGER NOT NULL,
        importing INTEGER NOT NULL DEFAULT 1 CHECK (importing IN (0, 1)),
        import_total INTEGER NOT NULL DEFAULT 0,
        import_done INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, folder)
      ) WITHOUT ROWID;
      CREATE INDEX imap_folder_states_by_tenant ON imap_folder_states(tenant_id);
      CREATE TABLE blocked_senders (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        value TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('address', 'domain')),
        blocked_by TEXT NOT NULL,
        blocked_at INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, value)
      ) WITHOUT ROWID;
    `);
  },
};
