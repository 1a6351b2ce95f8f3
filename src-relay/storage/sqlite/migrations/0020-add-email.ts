import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Email: each email conversation's thread (mailbox, customer address, subject, reply token) and
 * each received mail's original, with its Message-ID and References so that replies find their
 * conversation. The token's first 8 characters are the subject tag, unique per mailbox.
 */
export const addEmail: Migration = {
  version: 20,
  name: '0020-add-email',
  up(db) {
    db.exec(`
      CREATE TABLE email_threads (
        conversation_id TEXT PRIMARY KEY REFERENCES conversations(id),
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        account_id TEXT NOT NULL REFERENCES channel_accounts(id),
        customer_address TEXT NOT NULL,
        subject TEXT NOT NULL,
        reply_token TEXT NOT NULL,
        tag TEXT NOT NULL
      );
      CREATE UNIQUE INDEX email_threads_by_token ON email_threads(tenant_id, reply_token);
      CREATE UNIQUE INDEX email_threads_by_tag ON email_threads(account_id, tag);
      CREATE TABLE email_originals (
        message_id TEXT PRIMARY KEY REFERENCES messages(id),
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        account_id TEXT NOT NULL REFERENCES channel_accounts(id),
        header_message_id TEXT,
        refs TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('customer', 'auto-reply')),
        from_address TEXT NOT NULL,
        subject TEXT NOT NULL,
        text TEXT NOT NULL,
        html TEXT,
        received_at INTEGER NOT NULL
      );
      CREATE INDEX email_originals_by_header ON email_originals(tenant_id, header_message_id) WHERE header_message_id IS NOT NULL;
      CREATE INDEX email_originals_by_conversation ON email_originals(conversation_id, received_at);
    `);
  },
};
