import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0020-add-email: email threads and the originals of received mail. */
export const addEmail: PostgresMigration = {
  version: 9,
  name: '0009-add-email',
  async up(client) {
    await client.query(`
      CREATE TABLE email_threads (
        conversation_id text PRIMARY KEY REFERENCES conversations(id),
        tenant_id text NOT NULL REFERENCES tenants(id),
        account_id text NOT NULL REFERENCES channel_accounts(id),
        customer_address text NOT NULL,
        subject text NOT NULL,
        reply_token text NOT NULL,
        tag text NOT NULL
      );
      CREATE UNIQUE INDEX email_threads_by_token ON email_threads(tenant_id, reply_token);
      CREATE UNIQUE INDEX email_threads_by_tag ON email_threads(account_id, tag);
      CREATE TABLE email_originals (
        message_id text PRIMARY KEY REFERENCES messages(id),
        tenant_id text NOT NULL REFERENCES tenants(id),
        conversation_id text NOT NULL REFERENCES conversations(id),
        account_id text NOT NULL REFERENCES channel_accounts(id),
        header_message_id text,
        refs text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('customer', 'auto-reply')),
        from_address text NOT NULL,
        subject text NOT NULL,
        text text NOT NULL,
        html text,
        received_at bigint NOT NULL
      );
      CREATE INDEX email_originals_by_header ON email_originals(tenant_id, header_message_id) WHERE header_message_id IS NOT NULL;
      CREATE INDEX email_originals_by_conversation ON email_originals(conversation_id, received_at);
    `);
  },
};
