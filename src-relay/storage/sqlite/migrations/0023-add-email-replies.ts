import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * What an agent's email reply carries besides its text (JSON EmailReply: subject, CC, BCC, the
 * quote, a forward), read by the sender as the mail goes out. Kept on the relay only: BCC is never
 * sent to desks' logs or written into the mail's headers.
 */
export const addEmailReplies: Migration = {
  version: 23,
  name: '0023-add-email-replies',
  up(db) {
    db.exec(`
      CREATE TABLE email_replies (
        message_id TEXT PRIMARY KEY REFERENCES messages(id),
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        reply TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX email_replies_by_conversation ON email_replies(conversation_id);
    `);
  },
};
