import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlockedSender } from '../../src-shared/domain/blocked-senders.js';
import { useAdminStore } from './admin-store.js';
import { SaveStatus, TextField, useSave } from './save-status.js';

/** Company settings: email addresses and domains whose mail never reaches the inbox. */
export function BlockedSendersAdmin({ entries }: { entries: BlockedSender[] }) {
  const { t } = useTranslation();
  const admin = useAdminStore();
  const [value, setValue] = useState('');
  const { status, run } = useSave();
  const block = async () => {
    if (await run(() => admin.getState().save('admin.blockSender', { value }))) setValue('');
  };
  const unblock = (entry: BlockedSender) => run(() => admin.getState().save('admin.unblockSender', { value: entry.value }));
  return (
    <section className="admin-section" data-testid="admin-blocked-senders" aria-labelledby="admin-blocked-senders-title">
      <h3 id="admin-blocked-senders-title">{t('admin.blockedSenders.title')}</h3>
      <p className="admin-hint">{t('admin.blockedSenders.hint')}</p>
      {entries.length === 0 ? (
        <p className="admin-muted">{t('admin.blockedSenders.none')}</p>
      ) : (
        <ul className="admin-list" data-testid="blocked-senders">
          {entries.map((entry) => (
            <li key={entry.value} data-testid="blocked-sender" data-value={entry.value}>
              <span>{entry.value}</span> <span className="admin-muted">{t(`admin.blockedSenders.kind.${entry.kind}`)}</span>{' '}
              <button type="button" className="button" data-testid="unblock-sender" aria-label={t('admin.blockedSenders.unblock', { value: entry.value })} onClick={() => void unblock(entry)}>
                {t('admin.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="admin-row">
        <TextField label={t('admin.blockedSenders.value')} testId="block-sender-value" placeholder="newsletter@example.com, example.com" value={value} onChange={setValue} />
        <button type="button" className="button button--primary" data-testid="block-sender" disabled={!value.trim()} onClick={() => void block()}>
          {t('admin.blockedSenders.block')}
        </button>
      </div>
      <SaveStatus status={status} savedText={t('admin.blockedSenders.saved')} />
    </section>
  );
}
