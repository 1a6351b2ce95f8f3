import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** A translated reply keeps the agent's own words beside what the customer got; conversations get labels. */
export const addMessageOriginals: Migration = {
  version: 4,
  name: '0004-add-message-originals',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN original_body TEXT;
      ALTER TABLE messages ADD COLUMN original_language TEXT;
      ALTER TABLE conversations ADD COLUMN labels TEXT NOT NULL DEFAULT '[]';
    `);
  },
};
