import { useTranslation } from 'react-i18next';
import type { PendingFile } from '../../src-shared/domain/model.js';

/**
 * A customer's files the relay is still fetching from the messaging app, or could not fetch, with
 * why (an expired media id, over a limit): the agent knows something came and can ask again.
 * Names and reasons are only ever text.
 */
export function PendingFiles({ files }: { files: readonly PendingFile[] }) {
  const { t } = useTranslation();
  return (
    <ul className="message-files" data-testid="pending-files">
      {files.map((file, index) => (
        <li key={`${index}:${file.name}`} className={`message-file message-file--${file.state}`} data-testid="pending-file" data-state={file.state}>
          <span className="message-file-link message-file-link--loading" dir="auto">
            {file.state === 'fetching' ? t('attachments.fetching', { name: file.name }) : t('attachments.notFetched', { name: file.name, reason: file.reason ?? '' })}
          </span>
        </li>
      ))}
    </ul>
  );
}
