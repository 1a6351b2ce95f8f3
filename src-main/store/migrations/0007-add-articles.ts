import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * The knowledge base, cached for offline use, with a trigram full-text index: trigrams match
 * inside words, so Thai, Chinese and Japanese (no spaces between words) are searchable too.
 * Articles are few and change rarely, so they are indexed as they are written.
 */
export const addArticles: Migration = {
  version: 7,
  name: 'add-articles',
  up(db) {
    db.exec(`
      CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        version INTEGER NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        locale TEXT NOT NULL,
        -- JSON arrays
        markets TEXT NOT NULL,
        tags TEXT NOT NULL,
        intents TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by_name TEXT NOT NULL
      ) STRICT;
      CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles', content_rowid='rowid', tokenize='trigram');
      CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
      END;
      CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
      END;
      -- Sentence vectors for search by meaning, per embedding model, for the version they were made from.
      CREATE TABLE article_vectors (
        article_id TEXT NOT NULL,
        model TEXT NOT NULL,
        version INTEGER NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (article_id, model)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER articles_vectors_after_delete AFTER DELETE ON articles BEGIN
        DELETE FROM article_vectors WHERE article_id = old.id;
      END;
      CREATE TRIGGER articles_fts_after_update AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
        INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
      END;
    `);
  },
};
