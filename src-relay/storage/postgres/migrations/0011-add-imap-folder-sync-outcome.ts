import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0022-add-imap-folder-sync-outcome: when each IMAP folder was last caught up with, and why its last attempt failed. */
export const addImapFolderSyncOutcome: PostgresMigration = {
  version: 11,
  name: '0011-add-imap-folder-sync-outcome',
  async up(client) {
    await client.query('ALTER TABLE imap_folder_states ADD COLUMN synced_at bigint, ADD COLUMN last_error text');
  },
};
