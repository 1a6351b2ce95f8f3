import { expect } from 'vitest';
import { addChannelMediaFetches } from '../0013-add-channel-media-fetches.js';
import { insertConversation, refusal, rows, type PostgresCase } from './postgres-rows.js';

const fetch = "INSERT INTO channel_media_fetches (message_id, position, tenant_id, account_id, ref, name, state, next_attempt_at, created_at, updated_at) VALUES ($1, $2, 't1', 'wa', 'media-1', 'photo.jpg', 'pending', 5, 5, 5)";

/** A message from before has no files pending; a message's files are fetched once per position. */
export const POSTGRES_MEDIA_FETCH_CASES: PostgresCase[] = [
  {
    migration: addChannelMediaFetches,
    async before(db) {
      await insertConversation(db);
      await db.pool.query("INSERT INTO channel_accounts VALUES ('wa', 't1', 'whatsapp', 'Sales', 'team', 'token-wa', 'sealed', 1, NULL)");
    },
    schema: {
      created: [
        "index channel_media_fetches_due ON channel_media_fetches(tenant_id, next_attempt_at) WHERE (state = 'pending'::text)",
        "table channel_media_fetches(message_id text NOT NULL REFERENCES messages(id), position integer NOT NULL, tenant_id text NOT NULL REFERENCES tenants(id), account_id text NOT NULL REFERENCES channel_accounts(id), ref text NOT NULL, name text NOT NULL, media_type text, size bigint, state text NOT NULL CHECK ((state = ANY (ARRAY['pending'::text, 'kept'::text, 'failed'::text]))), attempts integer NOT NULL DEFAULT 0, next_attempt_at bigint NOT NULL, attachment text, last_error text, created_at bigint NOT NULL, updated_at bigint NOT NULL, PRIMARY KEY (message_id, \"position\"))",
      ],
      altered: ['table messages + pending_files text'],
    },
    async after(db) {
      expect(await rows(db, 'SELECT id, pending_files FROM messages')).toEqual([{ id: 'm1', pending_files: null }]);
      await db.pool.query(fetch, ['m1', 0]);
      await db.pool.query(fetch, ['m1', 1]);
      expect(await refusal(db, fetch, 'm1', 0)).toMatch(/channel_media_fetches_pkey/);
      expect(await refusal(db, fetch, 'nope', 2)).toMatch(/channel_media_fetches_message_id_fkey/);
    },
  },
];
