import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0025-add-channel-send-parts: the provider's id of each part of a reply already taken. */
export const addChannelSendParts: PostgresMigration = {
  version: 14,
  name: '0014-add-channel-send-parts',
  async up(client) {
    await client.query('ALTER TABLE channel_sends ADD COLUMN sent_parts text');
  },
};
