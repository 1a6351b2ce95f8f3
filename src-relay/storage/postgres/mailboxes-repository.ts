import type { ImapFolderState, MailboxesRepository } from '../port/mailboxes.js';
import { rowsOf, type Query } from './query.js';

interface FolderRow extends Omit<ImapFolderState, 'importing'> {
  importing: number;
}

/** Where the relay stands in each IMAP folder it watches. */
export function mailboxesRepository(query: Query): MailboxesRepository {
  return {
    async findFolderState(accountId, folder) {
      const [row] = await rowsOf<FolderRow>(
        query,
        `SELECT tenant_id AS "tenantId", account_id AS "accountId", folder, uid_validity AS "uidValidity", last_uid AS "lastUid",
                window_start AS "windowStart", importing, updated_at AS "updatedAt"
           FROM imap_folder_states WHERE account_id = $1 AND folder = $2`,
        [accountId, folder],
      );
      return row ? { ...row, importing: row.importing === 1 } : null;
    },
    async saveFolderState(state) {
      await query(
        `INSERT INTO imap_folder_states (account_id, folder, tenant_id, uid_validity, last_uid, window_start, importing, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (account_id, folder) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid,
           window_start = excluded.window_start, importing = excluded.importing, updated_at = excluded.updated_at`,
        [state.accountId, state.folder, state.tenantId, state.uidValidity, state.lastUid, state.windowStart, state.importing ? 1 : 0, state.updatedAt],
      );
    },
    async advanceFolder(accountId, folder, uidValidity, uid, at) {
      const advanced = await query(
        `UPDATE imap_folder_states SET last_uid = $4, updated_at = $5
          WHERE account_id = $1 AND folder = $2 AND uid_validity = $3 AND last_uid < $4`,
        [accountId, folder, uidValidity, uid, at],
      );
      return advanced.rowCount === 1;
    },
  };
}
