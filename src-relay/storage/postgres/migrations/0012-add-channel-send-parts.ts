import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0023-add-channel-send-parts: the provider's id of each part of a reply already taken. */
export const addChannelSendParts: PostgresMigration = {
  version: 12,
  name: '0012-add-channel-send-parts',
  async up(client) {
    await client.query('ALTER TABLE channel_sends ADD COLUMN sent_parts text');
  },
};
