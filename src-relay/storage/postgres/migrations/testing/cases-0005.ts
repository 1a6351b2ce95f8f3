import { expect } from 'vitest';
import { addChannelAccountDisconnection } from '../0005-add-channel-account-disconnection.js';
import { insertConversation, rows, type PostgresCase } from './postgres-rows.js';

/** A messaging account is disconnected, not deleted: an account from before stays connected. */
export const POSTGRES_CASES_0005: PostgresCase[] = [
  {
    migration: addChannelAccountDisconnection,
    async before(db) {
      await insertConversation(db);
      await db.pool.query("INSERT INTO channel_accounts VALUES ('wa', 't1', 'whatsapp', 'Sales', 'team', 'token-1', 'sealed', 5)");
    },
    schema: { altered: ['table channel_accounts + disconnected_at bigint'] },
    async after(db) {
      expect(await rows(db, 'SELECT id, credentials, disconnected_at FROM channel_accounts')).toEqual([{ id: 'wa', credentials: 'sealed', disconnected_at: null }]);
      // Millisecond times come back as numbers.
      await db.pool.query("UPDATE channel_accounts SET disconnected_at = 1767225600000, credentials = '' WHERE id = 'wa'");
      expect(await rows(db, 'SELECT disconnected_at FROM channel_accounts')).toEqual([{ disconnected_at: 1_767_225_600_000 }]);
    },
  },
];
