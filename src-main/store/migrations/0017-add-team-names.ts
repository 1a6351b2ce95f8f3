import type { Migration } from '../../../src-node/sqlite/migration.js';

/** The tenant's teams from the relay's welcome, so a call can be handed to a team by name. */
export const addTeamNames: Migration = {
  version: 17,
  name: 'add-team-names',
  up(db) {
    db.exec(`ALTER TABLE session ADD COLUMN teams_json TEXT NOT NULL DEFAULT '[]';`);
  },
};
