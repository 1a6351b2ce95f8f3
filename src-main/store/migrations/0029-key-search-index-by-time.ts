import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * Search answers newest first. With the index keyed by local_seq (arrival order, which a resync
 * scrambles against time) every match had to be fetched and sorted: a phrase in a tenth of a
 * million messages took 170 ms. Each indexed message now has a `search_key` that orders by time
 * (search-key.ts) and is the rowid of both indexes, so FTS5 walks matches newest first and stops
 * after a page. The indexes become contentless (they only ever returned rowids), rows going by
 * key alone. The pairs get an index of their first characters, so a one-character term (的, ค)
 * reads one list newest first instead of merging every pair that starts with it. A change of
 * time or body sends the message back to the backlog for a new key.
 * Everything is indexed again from the backlog.
 */
export const keySearchIndexByTime: Migration = {
  version: 29,
  name: 'key-search-index-by-time',
  up(db) {
    db.exec(`
      DROP TRIGGER messages_search_after_delete;
      DROP TRIGGER messages_search_after_update;
      DROP TABLE messages_fts;
      DROP TABLE messages_grams;

      ALTER TABLE messages ADD COLUMN search_key INTEGER;
      CREATE UNIQUE INDEX messages_by_search_key ON messages (search_key);
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        body, content = '', contentless_delete = 1, tokenize = 'trigram remove_diacritics 1'
      );
      CREATE VIRTUAL TABLE messages_grams USING fts5(
        grams, content = '', contentless_delete = 1, prefix = '1', tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
      );

      CREATE TRIGGER messages_search_after_delete AFTER DELETE ON messages BEGIN
        DELETE FROM messages_fts WHERE rowid = old.search_key;
        DELETE FROM messages_grams WHERE rowid = old.search_key;
        DELETE FROM search_backlog WHERE local_seq = old.local_seq;
      END;
      CREATE TRIGGER messages_search_after_update AFTER UPDATE OF body, created_at ON messages
        WHEN old.search_key IS NOT NULL AND (old.body IS NOT new.body OR old.created_at IS NOT new.created_at) BEGIN
        DELETE FROM messages_fts WHERE rowid = old.search_key;
        DELETE FROM messages_grams WHERE rowid = old.search_key;
        UPDATE messages SET search_key = NULL WHERE local_seq = new.local_seq;
        INSERT OR IGNORE INTO search_backlog (local_seq) VALUES (new.local_seq);
      END;

      INSERT OR IGNORE INTO search_backlog (local_seq) SELECT local_seq FROM messages;
    `);
  },
};
