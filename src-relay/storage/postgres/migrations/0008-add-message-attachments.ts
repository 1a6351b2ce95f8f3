import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0019-add-message-attachments: the files a message carries (JSON), null when none. */
export const addMessageAttachments: PostgresMigration = {
  version: 8,
  name: '0008-add-message-attachments',
  async up(client) {
    await client.query('ALTER TABLE messages ADD COLUMN attachments text');
  },
};
