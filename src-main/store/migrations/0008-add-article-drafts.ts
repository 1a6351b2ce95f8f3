import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * An article edit waits here until the relay confirms it. A refused edit (someone saved a newer
 * version meanwhile) stays, with the reason, for its writer to merge; nothing written is lost.
 */
export const addArticleDrafts: Migration = {
  version: 8,
  name: 'add-article-drafts',
  up(db) {
    db.exec(`
      CREATE TABLE article_drafts (
        article_id TEXT PRIMARY KEY,
        base_version INTEGER NOT NULL,
        draft TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'refused', 'unconfirmed')),
        reason TEXT,
        at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
