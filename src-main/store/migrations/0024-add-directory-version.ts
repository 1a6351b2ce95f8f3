import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * The relay's version of the directory this cache holds, sent in the next hello so the welcome
 * can leave the directory out when it has not changed. Null until a relay names one.
 */
export const addDirectoryVersion: Migration = {
  version: 24,
  name: 'add-directory-version',
  up(db) {
    db.exec('ALTER TABLE session ADD COLUMN directory_version TEXT');
  },
};
