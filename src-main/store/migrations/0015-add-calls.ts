import type { Migration } from '../../../src-node/sqlite/migration.js';

/** A call's entry in the timeline: an internal message with the call's summary (JSON). */
export const addCalls: Migration = {
  version: 15,
  name: 'add-calls',
  up(db) {
    db.exec('ALTER TABLE messages ADD COLUMN call TEXT');
  },
};
