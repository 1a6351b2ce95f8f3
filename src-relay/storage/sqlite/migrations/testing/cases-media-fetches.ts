import { expect } from 'vitest';
import { addChannelMediaFetches } from '../0024-add-channel-media-fetches.js';
import { insertConversation, rows, type RelayCase } from './relay-rows.js';

const fetch = "INSERT INTO channel_media_fetches (message_id, position, tenant_id, account_id, ref, name, state, next_attempt_at, created_at, updated_at) VALUES (?, ?, 't1', 'wa', 'media-1', 'photo.jpg', 'pending', 5, 5, 5)";

/** A message from before has no files pending; a message's files are fetched once per position. */
export const CASES_MEDIA_FETCHES: RelayCase[] = [
  {
    migration: addChannelMediaFetches,
    before(db) {
      insertConversation(db);
      db.exec("INSERT INTO channel_accounts VALUES ('wa', 't1', 'whatsapp', 'Sales', 'team', 'token-wa', 'sealed', 1, NULL)");
    },
    schema: {
      created: [
        'table channel_media_fetches(message_id TEXT PK NOT NULL REFERENCES messages(id), position INTEGER PK NOT NULL, tenant_id TEXT NOT NULL REFERENCES tenants(id), account_id TEXT NOT NULL REFERENCES channel_accounts(id), ref TEXT NOT NULL, name TEXT NOT NULL, media_type TEXT, size INTEGER, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, attachment TEXT, last_error TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID',
        'index channel_media_fetches_due ON channel_media_fetches(tenant_id, next_attempt_at) WHERE state = \'pending\'',
      ],
      altered: ['table messages + pending_files TEXT'],
    },
    after(db) {
      expect(rows(db, 'SELECT id, pending_files FROM messages')).toEqual([{ id: 'm1', pending_files: null }]);
      db.prepare(fetch).run('m1', 0);
      db.prepare(fetch).run('m1', 1);
      expect(() => db.prepare(fetch).run('m1', 0)).toThrow(/UNIQUE|PRIMARY/);
      expect(() => db.prepare(fetch).run('nope', 2)).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("UPDATE channel_media_fetches SET state = 'fetched'").run()).toThrow(/CHECK/);
    },
  },
];
