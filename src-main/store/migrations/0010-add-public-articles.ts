import type { Migration } from '../../../src-node/sqlite/migration.js';

/** Whether customers may read an article on the relay's help pages, so a reply can link to it. */
export const addPublicArticles: Migration = {
  version: 10,
  name: 'add-public-articles',
  up(db) {
    db.exec(`ALTER TABLE articles ADD COLUMN public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1));`);
  },
};
