import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * Indexing each message for full-text search as it was inserted made catch-up after an outage
 * twice as slow (a trigram index writes a row per three characters). An insert now only notes
 * the row in `search_backlog`; the core indexes the backlog in batches when it is idle, and search
 * scans the few rows still in the backlog. A row is in exactly one of the index or the backlog.
 */
export const deferMessageIndexing: Migration = {
  version: 4,
  name: 'defer-message-indexing',
  up(db) {
    db.exec(`
      CREATE TABLE search_backlog (local_seq INTEGER PRIMARY KEY) STRICT;

      DROP TRIGGER messages_fts_after_insert;
      DROP TRIGGER messages_fts_after_delete;
      DROP TRIGGER messages_fts_after_update;
      CREATE TRIGGER messages_search_after_insert AFTER INSERT ON messages BEGIN
        INSERT INTO search_backlog (local_seq) VALUES (new.local_seq);
      END;
      CREATE TRIGGER messages_search_after_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body)
          SELECT 'delete', old.local_seq, old.body
           WHERE NOT EXISTS (SELECT 1 FROM search_backlog WHERE local_seq = old.local_seq);
        DELETE FROM search_backlog WHERE local_seq = old.local_seq;
      END;
      CREATE TRIGGER messages_search_after_update AFTER UPDATE OF body ON messages
        WHEN old.body IS NOT new.body AND NOT EXISTS (SELECT 1 FROM search_backlog WHERE local_seq = old.local_seq) BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.local_seq, old.body);
        INSERT INTO messages_fts (rowid, body) VALUES (new.local_seq, new.body);
      END;
    `);
  },
};
