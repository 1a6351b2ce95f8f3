import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * The approved template an unsent reply is (JSON TemplateChoice), so that a refused one sent again
 * is the same template and not its rendered text (which WhatsApp refuses after 24 hours); and each
 * conversation's reply options as the relay last told them (JSON ReplyOptions), so that offline
 * the composer still offers the templates instead of free text once the window has closed.
 */
export const addReplyTemplates: Migration = {
  version: 22,
  name: 'add-reply-templates',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN reply_template TEXT;
      CREATE TABLE reply_options (
        conversation_id TEXT PRIMARY KEY,
        options TEXT NOT NULL,
        fetched_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
