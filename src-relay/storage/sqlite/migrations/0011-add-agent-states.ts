import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Agent states beyond available and away (busy, after-call work), with a reason for away and an
 * end for after-call work. `presence` keeps its CHECK and says available or not; `state` is the
 * chosen state itself (null for rows written before).
 */
export const addAgentStates: Migration = {
  version: 11,
  name: '0011-add-agent-states',
  up(db) {
    db.exec(`
      ALTER TABLE agents ADD COLUMN state TEXT;
      ALTER TABLE agents ADD COLUMN state_reason TEXT;
      ALTER TABLE agents ADD COLUMN state_until INTEGER;
      CREATE INDEX agents_state_until ON agents(state_until) WHERE state_until IS NOT NULL;
    `);
  },
};
