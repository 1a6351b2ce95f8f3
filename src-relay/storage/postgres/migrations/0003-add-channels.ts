import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0014-add-channels: connected messaging accounts, contacts, the send outbox, and each reply's delivery. */
export const addChannels: PostgresMigration = {
  version: 3,
  name: '0003-add-channels',
  async up(client) {
    await client.query(`
      CREATE TABLE channel_accounts (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        provider text NOT NULL,
        display_name text NOT NULL,
        team_id text NOT NULL REFERENCES teams(id),
        webhook_token text NOT NULL UNIQUE,
        credentials text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE INDEX channel_accounts_by_tenant ON channel_accounts(tenant_id);
      CREATE TABLE channel_contacts (
        account_id text NOT NULL REFERENCES channel_accounts(id),
        external_id text NOT NULL,
        tenant_id text NOT NULL REFERENCES tenants(id),
        customer_id text NOT NULL REFERENCES customers(id),
        conversation_id text NOT NULL REFERENCES conversations(id),
        last_inbound_at bigint,
        PRIMARY KEY (account_id, external_id)
      );
      CREATE INDEX channel_contacts_by_conversation ON channel_contacts(conversation_id);
      CREATE TABLE channel_sends (
        message_id text PRIMARY KEY REFERENCES messages(id),
        tenant_id text NOT NULL REFERENCES tenants(id),
        account_id text NOT NULL REFERENCES channel_accounts(id),
        recipient text NOT NULL,
        state text NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at bigint NOT NULL,
        provider_message_id text,
        last_error text,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL
      );
      CREATE INDEX channel_sends_due ON channel_sends(tenant_id, next_attempt_at) WHERE state IN ('queued', 'sending');
      -- A recipient's replies go out in the order they were written: only the oldest unsent one is due.
      CREATE INDEX channel_sends_unsent_by_recipient ON channel_sends(account_id, recipient) WHERE state IN ('queued', 'sending');
      ALTER TABLE messages ADD COLUMN channel_delivery text;
    `);
  },
};
