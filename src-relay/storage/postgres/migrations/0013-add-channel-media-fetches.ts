import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0024-add-channel-media-fetches: customers' files fetched after their message is stored, and the message's files still pending. */
export const addChannelMediaFetches: PostgresMigration = {
  version: 13,
  name: '0013-add-channel-media-fetches',
  async up(client) {
    await client.query(`
      CREATE TABLE channel_media_fetches (
        message_id text NOT NULL REFERENCES messages(id),
        position integer NOT NULL,
        tenant_id text NOT NULL REFERENCES tenants(id),
        account_id text NOT NULL REFERENCES channel_accounts(id),
        ref text NOT NULL,
        name text NOT NULL,
        media_type text,
        size bigint,
        state text NOT NULL CHECK (state IN ('pending', 'kept', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at bigint NOT NULL,
        attachment text,
        last_error text,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (message_id, position)
      );
      CREATE INDEX channel_media_fetches_due ON channel_media_fetches(tenant_id, next_attempt_at) WHERE state = 'pending';
      ALTER TABLE messages ADD COLUMN pending_files text;
    `);
  },
};
