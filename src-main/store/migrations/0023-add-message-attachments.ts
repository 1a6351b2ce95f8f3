import type { Migration } from '../../../src-node/sqlite/migration.js';

/** The files a message carries (JSON MessageAttachment[]), null when none. */
export const addMessageAttachments: Migration = {
  version: 23,
  name: 'add-message-attachments',
  up(db) {
    db.exec('ALTER TABLE messages ADD COLUMN attachments TEXT');
  },
};
