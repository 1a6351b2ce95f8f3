import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** Each agent's routing profile (languages, skills, capacity per kind of work, translation), as JSON; null takes the defaults. */
export const addRoutingProfiles: Migration = {
  version: 8,
  name: '0008-add-routing-profiles',
  up(db) {
    db.exec(`ALTER TABLE agents ADD COLUMN routing TEXT;`);
  },
};
