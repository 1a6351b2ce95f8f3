import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** The files a message carries (JSON MessageAttachment[]), null when it carries none. */
export const addMessageAttachments: Migration = {
  version: 19,
  name: '0019-add-message-attachments',
  up(db) {
    db.exec('ALTER TABLE messages ADD COLUMN attachments TEXT');
  },
};
