import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Files customers send on messaging apps are fetched after their message is stored, off the
 * webhook's path: one row per file (by message and position), due at `next_attempt_at` while
 * `pending` (a claim moves it forward, so a relay that dies mid-fetch leaves it due again), then
 * `kept` with the attachment (JSON MessageAttachment) or `failed` with why. And the message's
 * files still being fetched or lost (`messages.pending_files`, JSON PendingFile[]), as desks see them.
 */
export const addChannelMediaFetches: Migration = {
  version: 24,
  name: '0024-add-channel-media-fetches',
  up(db) {
    db.exec(`
      CREATE TABLE channel_media_fetches (
        message_id TEXT NOT NULL REFERENCES messages(id),
        position INTEGER NOT NULL,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        account_id TEXT NOT NULL REFERENCES channel_accounts(id),
        ref TEXT NOT NULL,
        name TEXT NOT NULL,
        media_type TEXT,
        size INTEGER,
        state TEXT NOT NULL CHECK (state IN ('pending', 'kept', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        attachment TEXT,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (message_id, position)
      ) WITHOUT ROWID;
      CREATE INDEX channel_media_fetches_due ON channel_media_fetches(tenant_id, next_attempt_at) WHERE state = 'pending';
      ALTER TABLE messages ADD COLUMN pending_files TEXT;
    `);
  },
};
