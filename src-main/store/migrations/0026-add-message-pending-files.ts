import type { Migration } from '../../../src-node/sqlite/migration.js';

/** A customer's files the relay is still fetching from a messaging app, or could not (JSON PendingFile[]), null when none. */
export const addMessagePendingFiles: Migration = {
  version: 26,
  name: 'add-message-pending-files',
  up(db) {
    db.exec('ALTER TABLE messages ADD COLUMN pending_files TEXT');
  },
};
