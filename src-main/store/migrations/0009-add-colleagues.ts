import type { Migration } from '../../../src-node/sqlite/migration.js';

/** The tenant's directory from the relay's welcome, so @mentions can be written offline too. */
export const addColleagues: Migration = {
  version: 9,
  name: 'add-colleagues',
  up(db) {
    db.exec(`ALTER TABLE session ADD COLUMN colleagues_json TEXT NOT NULL DEFAULT '[]';`);
  },
};
