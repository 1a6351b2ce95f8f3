import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** Teams get working hours in their zone, holiday markets, and an overflow team for when they are closed. */
export const addTeamSchedules: Migration = {
  version: 6,
  name: '0006-add-team-schedules',
  up(db) {
    db.exec(`
      ALTER TABLE teams ADD COLUMN schedule TEXT;
      ALTER TABLE teams ADD COLUMN overflow_team_id TEXT;
    `);
  },
};
