import type { Migration } from '../../../src-node/sqlite/migration.js';

/** How far a messaging app (WhatsApp, Telegram, ...) took a reply: sent, delivered, read or failed (JSON ChannelDelivery). */
export const addChannelDelivery: Migration = {
  version: 20,
  name: 'add-channel-delivery',
  up(db) {
    db.exec('ALTER TABLE messages ADD COLUMN channel_delivery TEXT');
  },
};
