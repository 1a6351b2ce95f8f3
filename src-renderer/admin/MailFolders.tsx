import { useTranslation } from 'react-i18next';
import type { MailFolderProgress } from '../../src-shared/protocol/channels/accounts.js';

/**
 * An email account's watched folders, as the relay has read them: a first import (or a rescan)
 * with how many messages it found and imported so far, when each was last read to its end, and
 * why the last attempt failed, in the relay's plain words.
 */
export function MailFolders({ folders }: { folders: readonly MailFolderProgress[] }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  if (folders.length === 0) return null;
  return (
    <div className="mail-folders" data-testid="mail-folders">
      <span className="field-label">{t('admin.channels.mailFolders')}</span>
      <ul>
        {folders.map((folder) => (
          <li key={folder.folder} data-testid="mail-folder" data-folder={folder.folder} data-importing={String(folder.importing)}>
            <strong dir="auto">{folder.folder}</strong>{' '}
            <span data-testid="mail-folder-import">
              {folder.importing
                ? folder.found === 0 && folder.syncedAt === null
                  ? t('admin.channels.folderWaiting')
                  : t('admin.channels.folderImporting', { imported: folder.imported, found: folder.found })
                : t('admin.channels.folderImported', { imported: folder.imported, found: folder.found })}
            </span>
            {' · '}
            <span data-testid="mail-folder-synced">
              {folder.syncedAt === null ? t('admin.channels.folderNeverSynced') : t('admin.channels.folderSynced', { when: time.format(folder.syncedAt) })}
            </span>
            {folder.lastError && (
              <p className="admin-status admin-status--error" role="alert" data-testid="mail-folder-error">
                {t('admin.channels.folderError', { error: folder.lastError })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
