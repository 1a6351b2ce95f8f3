import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * Full-text search over message bodies. The trigram tokenizer indexes every three-character
 * window, so a substring of Thai or Chinese text (no spaces between words) is found as readily
 * as a German word; queries shorter than three characters fall back to LIKE in the message store.
 * remove_diacritics lets "devolucao" find "devolução".
 */
export const addMessageSearch: Migration = {
  version: 2,
  name: 'add-message-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        body, content = 'messages', content_rowid = 'local_seq', tokenize = 'trigram remove_diacritics 1'
      );
      CREATE TRIGGER messages_fts_after_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, body) VALUES (new.local_seq, new.body);
      END;
      CREATE TRIGGER messages_fts_after_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.local_seq, old.body);
      END;
      CREATE TRIGGER messages_fts_after_update AFTER UPDATE OF body ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.local_seq, old.body);
        INSERT INTO messages_fts (rowid, body) VALUES (new.local_seq, new.body);
      END;
      INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
    `);
  },
};
