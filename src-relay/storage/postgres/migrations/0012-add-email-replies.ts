import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0023-add-email-replies: what an agent's email reply carries besides its text (subject, CC, BCC, quote, forward). */
export const addEmailReplies: PostgresMigration = {
  version: 12,
  name: '0012-add-email-replies',
  async up(client) {
    await client.query(`
      CREATE TABLE email_replies (
        message_id text PRIMARY KEY REFERENCES messages(id),
        tenant_id text NOT NULL REFERENCES tenants(id),
        conversation_id text NOT NULL REFERENCES conversations(id),
        reply text NOT NULL
      );
      CREATE INDEX email_replies_by_conversation ON email_replies(conversation_id);
    `);
  },
};
