import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0018-add-message-attachments: the files a message carries (JSON), null when none. */
export const addMessageAttachments: PostgresMigration = {
  version: 7,
  name: '0007-add-message-attachments',
  async up(client) {
    await client.query('ALTER TABLE messages ADD COLUMN attachments text');
  },
};
