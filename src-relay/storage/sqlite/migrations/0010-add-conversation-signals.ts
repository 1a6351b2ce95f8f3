import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** What the desks' models found in a conversation: its intent (for skills) and whether the customer is upset (for priority). */
export const addConversationSignals: Migration = {
  version: 10,
  name: '0010-add-conversation-signals',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN intent TEXT;
      ALTER TABLE conversations ADD COLUMN upset INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
