import { expect } from 'vitest';
import { addMailboxesAndBlockedSenders } from '../0010-add-mailboxes-and-blocked-senders.js';
import { addImapFolderSyncOutcome } from '../0011-add-imap-folder-sync-outcome.js';
import { insertConversation, refusal, rows, type PostgresCase } from './postgres-rows.js';

/** IMAP folder states belong to a channel account; a blocked value is blocked once per tenant. */
export const POSTGRES_MAILBOX_CASES: PostgresCase[] = [
  {
    migration: addMailboxesAndBlockedSenders,
    async before(db) {
      await insertConversation(db);
      await db.pool.query("INSERT INTO channel_accounts VALUES ('mail', 't1', 'whatsapp', 'Support', 'team', 'token-1', 'sealed', 5, NULL)");
    },
    schema: {
      created: [
        'index imap_folder_states_by_tenant ON imap_folder_states(tenant_id)',
        "table blocked_senders(tenant_id text NOT NULL REFERENCES tenants(id), value text NOT NULL, kind text NOT NULL CHECK ((kind = ANY (ARRAY['address'::text, 'domain'::text]))), blocked_by text NOT NULL, blocked_at bigint NOT NULL, PRIMARY KEY (tenant_id, value))",
        'table imap_folder_states(account_id text NOT NULL REFERENCES channel_accounts(id), folder text NOT NULL, tenant_id text NOT NULL REFERENCES tenants(id), uid_validity bigint, last_uid bigint NOT NULL DEFAULT 0 CHECK ((last_uid >= 0)), window_start bigint NOT NULL, importing smallint NOT NULL DEFAULT 1 CHECK ((importing = ANY (ARRAY[0, 1]))), import_total bigint NOT NULL DEFAULT 0, import_done bigint NOT NULL DEFAULT 0, updated_at bigint NOT NULL, PRIMARY KEY (account_id, folder))',
      ],
    },
    async after(db) {
      await db.pool.query("INSERT INTO imap_folder_states (account_id, folder, tenant_id, uid_validity, last_uid, window_start, updated_at) VALUES ('mail', 'INBOX', 't1', 4294967295, 7, 1767225600000, 1)");
      // UIDVALIDITY is unsigned 32-bit: it needs bigint, and comes back as a number.
      expect(await rows(db, 'SELECT uid_validity, last_uid, importing FROM imap_folder_states')).toEqual([{ uid_validity: 4_294_967_295, last_uid: 7, importing: 1 }]);
      expect(await refusal(db, "INSERT INTO imap_folder_states (account_id, folder, tenant_id, window_start, updated_at) VALUES ('nobody', 'INBOX', 't1', 0, 0)")).toMatch(/imap_folder_states_account_id_fkey/);
      expect(await refusal(db, 'UPDATE imap_folder_states SET last_uid = -1')).toMatch(/imap_folder_states_last_uid_check/);
      await db.pool.query("INSERT INTO blocked_senders VALUES ('t1', 'spam.example', 'domain', 'ann', 1)");
      expect(await refusal(db, "INSERT INTO blocked_senders VALUES ('t1', 'spam.example', 'domain', 'ann', 2)")).toMatch(/blocked_senders_pkey/);
      expect(await refusal(db, "INSERT INTO blocked_senders VALUES ('t1', 'x@y', 'person', 'ann', 2)")).toMatch(/blocked_senders_kind_check/);
    },
  },
  {
    migration: addImapFolderSyncOutcome,
    async before(db) {
      await insertConversation(db);
      await db.pool.query("INSERT INTO channel_accounts VALUES ('mail', 't1', 'email', 'Support', 'team', 'token-1', 'sealed', 5, NULL)");
      await db.pool.query("INSERT INTO imap_folder_states (account_id, folder, tenant_id, uid_validity, last_uid, window_start, updated_at) VALUES ('mail', 'INBOX', 't1', 9, 7, 1, 1)");
    },
    schema: { altered: ['table imap_folder_states + synced_at bigint + last_error text'] },
    async after(db) {
      expect(await rows(db, 'SELECT last_uid, synced_at, last_error FROM imap_folder_states')).toEqual([{ last_uid: 7, synced_at: null, last_error: null }]);
      await db.pool.query("UPDATE imap_folder_states SET synced_at = 1767225600000, last_error = 'Can''t sign in'");
      expect(await rows(db, 'SELECT synced_at, last_error FROM imap_folder_states')).toEqual([{ synced_at: 1_767_225_600_000, last_error: "Can't sign in" }]);
    },
  },
];
