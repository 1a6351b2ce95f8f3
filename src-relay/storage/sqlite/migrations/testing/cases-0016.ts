import { expect } from 'vitest';
import { addChannelAccountDisconnection } from '../0016-add-channel-account-disconnection.js';
import { insertConversation, rows, type RelayCase } from './relay-rows.js';

/** A messaging account is disconnected, not deleted: an account from before stays connected. */
export const CASES_0016: RelayCase[] = [
  {
    migration: addChannelAccountDisconnection,
    before(db) {
      insertConversation(db);
      db.exec("INSERT INTO channel_accounts VALUES ('wa', 't1', 'whatsapp', 'Sales', 'team', 'token-1', 'sealed', 5)");
    },
    schema: { altered: ['table channel_accounts + disconnected_at INTEGER'] },
    after(db) {
      expect(rows(db, 'SELECT id, credentials, disconnected_at FROM channel_accounts')).toEqual([{ id: 'wa', credentials: 'sealed', disconnected_at: null }]);
      db.exec("UPDATE channel_accounts SET disconnected_at = 1767225600000, credentials = '' WHERE id = 'wa'");
      expect(rows(db, 'SELECT disconnected_at FROM channel_accounts')).toEqual([{ disconnected_at: 1_767_225_600_000 }]);
    },
  },
];
