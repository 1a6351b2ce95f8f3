import type { Migration } from '../../../src-node/sqlite/migration.js';

/** The agent's chosen state beyond available and away (busy, after-call work) and why away; `presence` keeps its CHECK. */
export const addAgentStates: Migration = {
  version: 13,
  name: 'add-agent-states',
  up(db) {
    db.exec(`
      ALTER TABLE session ADD COLUMN state TEXT;
      ALTER TABLE session ADD COLUMN state_reason TEXT;
    `);
  },
};
