import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * An administrator disconnects a messaging account rather than deleting it: its contacts, sends
 * and provider message ids stay (the conversations' history refers to them), its webhooks answer
 * 404 and nothing more is sent. `disconnected_at` is null while it is connected.
 */
export const addChannelAccountDisconnection: Migration = {
  version: 16,
  name: '0016-add-channel-account-disconnection',
  up(db) {
    db.exec('ALTER TABLE channel_accounts ADD COLUMN disconnected_at INTEGER');
  },
};
