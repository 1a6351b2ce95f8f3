import type { Migration } from '../../../src-node/sqlite/migration.js';

/** Calls that ended and wait for the agent's wrap-up, so a reload or a crash does not lose them. */
export const addPendingWrapUps: Migration = {
  version: 18,
  name: 'add-pending-wrap-ups',
  up(db) {
    db.exec(`
      CREATE TABLE pending_wrap_ups (
        id TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL,
        conversation_id TEXT,
        call_json TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX pending_wrap_ups_by_agent ON pending_wrap_ups(agent_id, created_at);
    `);
  },
};
