import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * A reply that goes out as several provider messages (its words, a message per file) keeps the
 * provider's id of each part taken (`channel_sends.sent_parts`, JSON array by part, null for one
 * not taken yet), so that a retry sends only the parts not yet accepted.
 */
export const addChannelSendParts: Migration = {
  version: 25,
  name: '0025-add-channel-send-parts',
  up(db) {
    db.exec('ALTER TABLE channel_sends ADD COLUMN sent_parts TEXT');
  },
};
