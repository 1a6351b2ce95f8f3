import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0021-add-mailboxes-and-blocked-senders: IMAP folder states and the blocked senders and domains. */
export const addMailboxesAndBlockedSenders: PostgresMigration = {
  version: 10,
  name: '0010-add-mailboxes-and-blocked-senders',
  async up(client) {
    await client.query(`
      CREATE TABLE imap_folder_states (
        account_id text NOT NULL REFERENCES channel_accounts(id),
        folder text NOT NULL,
        tenant_id text NOT NULL REFERENCES tenants(id),
        uid_validity bigint,
        last_uid bigint NOT NULL DEFAULT 0 CHECK (last_uid >= 0),
        window_start bigint NOT NULL,
        importing smallint NOT NULL DEFAULT 1 CHECK (importing IN (0, 1)),
        import_total bigint NOT NULL DEFAULT 0,
        import_done bigint NOT NULL DEFAULT 0,
        updated_at bigint NOT NULL,
        PRIMARY KEY (account_id, folder)
      );
      CREATE INDEX imap_folder_states_by_tenant ON imap_folder_states(tenant_id);
      CREATE TABLE blocked_senders (
        tenant_id text NOT NULL REFERENCES tenants(id),
        value text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('address', 'domain')),
        blocked_by text NOT NULL,
        blocked_at bigint NOT NULL,
        PRIMARY KEY (tenant_id, value)
      );
    `);
  },
};
