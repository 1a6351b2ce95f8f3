import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Messaging apps (WhatsApp, Telegram, ...): each tenant's connected accounts (credentials sealed
 * by the relay, the random token of their webhook address), who wrote from where (a contact: the
 * account, the provider's id for the user, their conversation, when they last wrote, for the
 * provider's reply window), the outbox of replies to send through the provider, and how far the
 * provider took each reply (`messages.channel_delivery`, JSON).
 */
export const addChannels: Migration = {
  version: 14,
  name: '0014-add-channels',
  up(db) {
    db.exec(`
      CREATE TABLE channel_accounts (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        provider TEXT NOT NULL,
        display_name TEXT NOT NULL,
        team_id TEXT NOT NULL REFERENCES teams(id),
        webhook_token TEXT NOT NULL UNIQUE,
        credentials TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX channel_accounts_by_tenant ON channel_accounts(tenant_id);
      CREATE TABLE channel_contacts (
        account_id TEXT NOT NULL REFERENCES channel_accounts(id),
        external_id TEXT NOT NULL,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        customer_id TEXT NOT NULL REFERENCES customers(id),
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        last_inbound_at INTEGER,
        PRIMARY KEY (account_id, external_id)
      ) WITHOUT ROWID;
      CREATE INDEX channel_contacts_by_conversation ON channel_contacts(conversation_id);
      CREATE TABLE channel_sends (
        message_id TEXT PRIMARY KEY REFERENCES messages(id),
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        account_id TEXT NOT NULL REFERENCES channel_accounts(id),
        recipient TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        provider_message_id TEXT,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX channel_sends_due ON channel_sends(tenant_id, next_attempt_at) WHERE state IN ('queued', 'sending');
      -- A recipient's replies go out in the order they were written: only the oldest unsent one is due.
      CREATE INDEX channel_sends_unsent_by_recipient ON channel_sends(account_id, recipient) WHERE state IN ('queued', 'sending');
      ALTER TABLE messages ADD COLUMN channel_delivery TEXT;
    `);
  },
};
