import { useTranslation } from 'react-i18next';
import type { DeskReplyOptions } from '../../src-shared/api/replies.js';
import './template-picker.css';

/**
 * Offline, above the template picker: the templates shown are those last fetched (and when), or
 * none were ever fetched for this conversation, so none can be offered until the desk reconnects.
 */
export function TemplatesOfflineNote({ offline }: { offline: NonNullable<DeskReplyOptions['offline']> }) {
  const { t, i18n } = useTranslation();
  const fetchedAt = offline.templatesFetchedAt;
  const text =
    fetchedAt === null
      ? t('templates.offlineNone')
      : t('templates.offlineKept', { when: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(fetchedAt) });
  return (
    <p className="composer-hint" data-testid="templates-offline" role="status">
      {text}
    </p>
  );
}
