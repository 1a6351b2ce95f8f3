import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** Knowledge-base articles, the current version of each and every earlier one. */
export const createArticles: Migration = {
  version: 5,
  name: '0005-create-articles',
  up(db) {
    db.exec(`
      CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        version INTEGER NOT NULL,
        -- the article as sent to clients (title, body, locale, markets, tags, intents, …)
        data TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX articles_by_tenant ON articles(tenant_id);

      CREATE TABLE article_versions (
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        data TEXT NOT NULL,
        edited_by TEXT NOT NULL,
        PRIMARY KEY (article_id, version)
      ) WITHOUT ROWID;
    `);
  },
};
