import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * What the administrator sees of each watched IMAP folder beside its import progress: when the
 * relay last caught up with it (`synced_at`), and why the last attempt failed (`last_error`, in
 * plain words; null once an attempt went well). Null for folders from before.
 */
export const addImapFolderSyncOutcome: Migration = {
  version: 22,
  name: '0022-add-imap-folder-sync-outcome',
  up(db) {
    db.exec(`
      ALTER TABLE imap_folder_states ADD COLUMN synced_at INTEGER;
      ALTER TABLE imap_folder_states ADD COLUMN last_error TEXT;
    `);
  },
};
