import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0016-add-channel-account-disconnection: when an administrator disconnected a messaging account, null while connected. */
export const addChannelAccountDisconnection: PostgresMigration = {
  version: 5,
  name: '0005-add-channel-account-disconnection',
  async up(client) {
    await client.query('ALTER TABLE channel_accounts ADD COLUMN disconnected_at bigint');
  },
};
