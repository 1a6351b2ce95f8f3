import type { ImapFolderState, MailboxesRepository } from '../port/mailboxes.js';
import { rowsOf, type Query } from './query.js';

interface FolderRow extends Omit<ImapFolderState, 'importing'> {
  importing: number;
}

/** Where the relay stands in each IMAP folder it watches. */
const COLUMNS = `tenant_id AS "tenantId", account_id AS "accountId", folder, uid_validity AS "uidValidity", last_uid AS "lastUid",
  window_start AS "windowStart", importing, import_total AS "importTotal", import_done AS "importDone", updated_at AS "updatedAt",
  synced_at AS "syncedAt", last_error AS "lastError"`;

export function mailboxesRepository(query: Query): MailboxesRepository {
  return {
    async findFolderState(accountId, folder) {
      const [row] = await rowsOf<FolderRow>(query, `SELECT ${COLUMNS} FROM imap_folder_states WHERE account_id = $1 AND folder = $2`, [accountId, folder]);
      return row ? { ...row, importing: row.importing === 1 } : null;
    },
    async listFolderStates(tenantId) {
      const rows = await rowsOf<FolderRow>(query, `SELECT ${COLUMNS} FROM imap_folder_states WHERE tenant_id = $1 ORDER BY account_id COLLATE "C", folder COLLATE "C"`, [tenantId]);
      return rows.map((row) => ({ ...row, importing: row.importing === 1 }));
    },
    async saveFolderState(state) {
      await query(
        `INSERT INTO imap_folder_states (account_id, folder, tenant_id, uid_validity, last_uid, window_start, importing, import_total, import_done, updated_at, synced_at, last_error)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (account_id, folder) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid,
           window_start = excluded.window_start, importing = excluded.importing, import_total = excluded.import_total,
           import_done = excluded.import_done, updated_at = excluded.updated_at, synced_at = excluded.synced_at, last_error = excluded.last_error`,
        [state.accountId, state.folder, state.tenantId, state.uidValidity, state.lastUid, state.windowStart, state.importing ? 1 : 0, state.importTotal, state.importDone, state.updatedAt, state.syncedAt, state.lastError],
      );
    },
    async advanceFolder(accountId, folder, uidValidity, uid, at, delivered = 1) {
      const advanced = await query(
        `UPDATE imap_folder_states SET last_uid = $4, import_done = import_done + importing * $6, updated_at = $5
          WHERE account_id = $1 AND folder = $2 AND uid_validity = $3 AND last_uid < $4`,
        [accountId, folder, uidValidity, uid, at, delivered],
      );
      return advanced.rowCount === 1;
    },
    async recordFolderSynced(accountId, folder, at) {
      await query('UPDATE imap_folder_states SET synced_at = $3, last_error = NULL WHERE account_id = $1 AND folder = $2', [accountId, folder, at]);
    },
    async recordFolderFailure({ tenantId, accountId, folder }, error, at) {
      await query(
        `INSERT INTO imap_folder_states (account_id, folder, tenant_id, uid_validity, last_uid, window_start, importing, import_total, import_done, updated_at, last_error)
         VALUES ($1, $2, $3, NULL, 0, $4, 1, 0, 0, $4, $5)
         ON CONFLICT (account_id, folder) DO UPDATE SET last_error = excluded.last_error`,
        [accountId, folder, tenantId, at, error],
      );
    },
  };
}
