import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * One- and two-character terms in Chinese, Japanese, Thai and alike (返品, 退款) are whole words,
 * and the trigram index cannot find them: they fell back to a scan of every message. Each run of
 * such a script is also indexed as its overlapping character pairs plus its last character
 * (search-grams.ts); "返品" is then a token, and "返" a token prefix. Contentless with
 * contentless_delete, so rows go by rowid alone. An edited body goes back to the backlog
 * instead of being re-indexed in the trigger, which cannot compute the pairs.
 */
export const addUnspacedGrams: Migration = {
  version: 11,
  name: 'add-unspaced-grams',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE messages_grams USING fts5(
        grams, content = '', contentless_delete = 1, tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
      );

      DROP TRIGGER messages_search_after_delete;
      CREATE TRIGGER messages_search_after_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body)
          SELECT 'delete', old.local_seq, old.body
           WHERE NOT EXISTS (SELECT 1 FROM search_backlog WHERE local_seq = old.local_seq);
        DELETE FROM messages_grams WHERE rowid = old.local_seq;
        DELETE FROM search_backlog WHERE local_seq = old.local_seq;
      END;

      DROP TRIGGER messages_search_after_update;
      CREATE TRIGGER messages_search_after_update AFTER UPDATE OF body ON messages
        WHEN old.body IS NOT new.body AND NOT EXISTS (SELECT 1 FROM search_backlog WHERE local_seq = old.local_seq) BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.local_seq, old.body);
        DELETE FROM messages_grams WHERE rowid = old.local_seq;
        INSERT INTO search_backlog (local_seq) VALUES (new.local_seq);
      END;

      -- Indexed before this version: their pairs are made when they are indexed again.
      INSERT INTO messages_fts (messages_fts) VALUES ('delete-all');
      INSERT OR IGNORE INTO search_backlog (local_seq) SELECT local_seq FROM messages;
    `);
  },
};
