import { expect } from 'vitest';
import { addMailboxesAndBlockedSenders } from '../0021-add-mailboxes-and-blocked-senders.js';
import { addImapFolderSyncOutcome } from '../0022-add-imap-folder-sync-outcome.js';
import { insertConversation, rows, type RelayCase } from './relay-rows.js';

/** IMAP folder states belong to a channel account; a blocked value is blocked once per tenant. */
export const CASES_MAILBOXES: RelayCase[] = [
  {
    migration: addMailboxesAndBlockedSenders,
    before(db) {
      insertConversation(db);
      db.exec("INSERT INTO channel_accounts VALUES ('mail', 't1', 'whatsapp', 'Support', 'team', 'token-1', 'sealed', 5, NULL)");
    },
    schema: {
      created: [
        'table blocked_senders(tenant_id TEXT PK NOT NULL REFERENCES tenants(id), value TEXT PK NOT NULL, kind TEXT NOT NULL, blocked_by TEXT NOT NULL, blocked_at INTEGER NOT NULL) WITHOUT ROWID',
        'table imap_folder_states(account_id TEXT PK NOT NULL REFERENCES channel_accounts(id), folder TEXT PK NOT NULL, tenant_id TEXT NOT NULL REFERENCES tenants(id), uid_validity INTEGER, last_uid INTEGER NOT NULL DEFAULT 0, window_start INTEGER NOT NULL, importing INTEGER NOT NULL DEFAULT 1, import_total INTEGER NOT NULL DEFAULT 0, import_done INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL) WITHOUT ROWID',
        'index imap_folder_states_by_tenant ON imap_folder_states(tenant_id)',
      ],
    },
    after(db) {
      db.exec("INSERT INTO imap_folder_states (account_id, folder, tenant_id, uid_validity, last_uid, window_start, updated_at) VALUES ('mail', 'INBOX', 't1', 4294967295, 7, 1767225600000, 1)");
      expect(rows(db, 'SELECT uid_validity, last_uid, importing FROM imap_folder_states')).toEqual([{ uid_validity: 4_294_967_295, last_uid: 7, importing: 1 }]);
      expect(() => db.exec("INSERT INTO imap_folder_states (account_id, folder, tenant_id, window_start, updated_at) VALUES ('nobody', 'INBOX', 't1', 0, 0)")).toThrow(/FOREIGN KEY/);
      expect(() => db.exec("UPDATE imap_folder_states SET last_uid = -1")).toThrow(/CHECK/);
      db.exec("INSERT INTO blocked_senders VALUES ('t1', 'spam.example', 'domain', 'ann', 1)");
      expect(() => db.exec("INSERT INTO blocked_senders VALUES ('t1', 'spam.example', 'domain', 'ann', 2)")).toThrow(/UNIQUE/);
      expect(() => db.exec("INSERT INTO blocked_senders VALUES ('t1', 'x@y', 'person', 'ann', 2)")).toThrow(/CHECK/);
    },
  },
  {
    migration: addImapFolderSyncOutcome,
    before(db) {
      insertConversation(db);
      db.exec("INSERT INTO channel_accounts VALUES ('mail', 't1', 'email', 'Support', 'team', 'token-1', 'sealed', 5, NULL)");
      db.exec("INSERT INTO imap_folder_states (account_id, folder, tenant_id, uid_validity, last_uid, window_start, updated_at) VALUES ('mail', 'INBOX', 't1', 9, 7, 1, 1)");
    },
    schema: { altered: ['table imap_folder_states + synced_at INTEGER + last_error TEXT'] },
    after(db) {
      // A folder from before: never caught up with as far as anyone knows, and no failure to show.
      expect(rows(db, 'SELECT last_uid, synced_at, last_error FROM imap_folder_states')).toEqual([{ last_uid: 7, synced_at: null, last_error: null }]);
      db.exec("UPDATE imap_folder_states SET synced_at = 1767225600000, last_error = 'Can''t sign in'");
      expect(rows(db, 'SELECT synced_at, last_error FROM imap_folder_states')).toEqual([{ synced_at: 1_767_225_600_000, last_error: "Can't sign in" }]);
    },
  },
];
