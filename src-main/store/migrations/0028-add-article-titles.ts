import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * Articles gain their title and tags in other languages (`titles`, JSON), and search reads a
 * third column, `labels`: the tags and those titles and tags, one per line, written by the
 * article store. The full-text index is made again over title, labels and body, so a Thai
 * question finds an English article through its Thai title, and tags are searched at all.
 */
export const addArticleTitles: Migration = {
  version: 28,
  name: 'add-article-titles',
  up(db) {
    db.exec(`
      ALTER TABLE articles ADD COLUMN titles TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE articles ADD COLUMN labels TEXT NOT NULL DEFAULT '';
      UPDATE articles SET labels = coalesce((SELECT group_concat(value, char(10)) FROM json_each(articles.tags)), '');

      DROP TRIGGER articles_fts_after_insert;
      DROP TRIGGER articles_fts_after_delete;
      DROP TRIGGER articles_fts_after_update;
      DROP TABLE articles_fts;
      CREATE VIRTUAL TABLE articles_fts USING fts5(title, labels, body, content='articles', content_rowid='rowid', tokenize='trigram');
      CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, labels, body) VALUES (new.rowid, new.title, new.labels, new.body);
      END;
      CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, labels, body) VALUES ('delete', old.rowid, old.title, old.labels, old.body);
      END;
      CREATE TRIGGER articles_fts_after_update AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, labels, body) VALUES ('delete', old.rowid, old.title, old.labels, old.body);
        INSERT INTO articles_fts (rowid, title, labels, body) VALUES (new.rowid, new.title, new.labels, new.body);
      END;
      INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
    `);
  },
};
