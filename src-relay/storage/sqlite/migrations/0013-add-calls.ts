import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** A call's entry in the timeline is an internal message with the call's summary (JSON) beside it. */
export const addCalls: Migration = {
  version: 13,
  name: '0013-add-calls',
  up(db) {
    db.exec('ALTER TABLE messages ADD COLUMN call TEXT');
  },
};
