import type Database from 'better-sqlite3';
import type { ImapFolderState, MailboxesRepository } from '../port/mailboxes.js';
import type { Synchronous } from './synchronous.js';

interface FolderRow extends Omit<ImapFolderState, 'importing'> {
  importing: number;
}

/** Where the relay stands in each IMAP folder it watches. */
export function createMailboxesStore(db: Database.Database): Synchronous<MailboxesRepository> {
  const sql = {
    find: db.prepare(
      `SELECT tenant_id AS tenantId, account_id AS accountId, folder, uid_validity AS uidValidity, last_uid AS lastUid,
              window_start AS windowStart, importing, import_total AS importTotal, import_done AS importDone, updated_at AS updatedAt,
              synced_at AS syncedAt, last_error AS lastError
         FROM imap_folder_states WHERE account_id = ? AND folder = ?`,
    ),
    list: db.prepare(
      `SELECT tenant_id AS tenantId, account_id AS accountId, folder, uid_validity AS uidValidity, last_uid AS lastUid,
              window_start AS windowStart, importing, import_total AS importTotal, import_done AS importDone, updated_at AS updatedAt,
              synced_at AS syncedAt, last_error AS lastError
         FROM imap_folder_states WHERE tenant_id = ? ORDER BY account_id, folder`,
    ),
    save: db.prepare(
      `INSERT INTO imap_folder_states (account_id, folder, tenant_id, uid_validity, last_uid, window_start, importing, import_total, import_done, updated_at, synced_at, last_error)
       VALUES (@accountId, @folder, @tenantId, @uidValidity, @lastUid, @windowStart, @importing, @importTotal, @importDone, @updatedAt, @syncedAt, @lastError)
       ON CONFLICT (account_id, folder) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid,
         window_start = excluded.window_start, importing = excluded.importing, import_total = excluded.import_total,
         import_done = excluded.import_done, updated_at = excluded.updated_at, synced_at = excluded.synced_at, last_error = excluded.last_error`,
    ),
    synced: db.prepare('UPDATE imap_folder_states SET synced_at = ?, last_error = NULL WHERE account_id = ? AND folder = ?'),
    failed: db.prepare(
      `INSERT INTO imap_folder_states (account_id, folder, tenant_id, uid_validity, last_uid, window_start, importing, import_total, import_done, updated_at, last_error)
       VALUES (@accountId, @folder, @tenantId, NULL, 0, @at, 1, 0, 0, @at, @error)
       ON CONFLICT (account_id, folder) DO UPDATE SET last_error = excluded.last_error`,
    ),
    advance: db.prepare(
      `UPDATE imap_folder_states SET last_uid = @uid, import_done = import_done + importing * @delivered, updated_at = @at
        WHERE account_id = @accountId AND folder = @folder AND uid_validity = @uidValidity AND last_uid < @uid`,
    ),
  };
  return {
    findFolderState(accountId, folder) {
      const row = sql.find.get(accountId, folder) as FolderRow | undefined;
      return row ? { ...row, importing: row.importing === 1 } : null;
    },
    listFolderStates(tenantId) {
      return (sql.list.all(tenantId) as FolderRow[]).map((row) => ({ ...row, importing: row.importing === 1 }));
    },
    saveFolderState(state) {
      sql.save.run({ ...state, importing: state.importing ? 1 : 0 });
    },
    advanceFolder(accountId, folder, uidValidity, uid, at, delivered = 1) {
      return sql.advance.run({ accountId, folder, uidValidity, uid, at, delivered }).changes === 1;
    },
    recordFolderSynced(accountId, folder, at) {
      sql.synced.run(at, accountId, folder);
    },
    recordFolderFailure({ tenantId, accountId, folder }, error, at) {
      sql.failed.run({ tenantId, accountId, folder, error, at });
    },
  };
}
