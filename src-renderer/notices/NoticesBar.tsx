import { useTranslation } from 'react-i18next';
import type { Notice } from '../../src-shared/api/contract.js';
import { useInboxStore } from '../state/inbox-store.js';
import { useNotices, useNoticesStore } from './notices-store.js';
import './notices.css';

/** The relay's decisions against the agent's own work, said plainly until the agent dismisses them. */
export function NoticesBar() {
  const { t } = useTranslation();
  const notices = useNotices((s) => s.notices);
  // The live region stays in the page while empty: screen readers announce what is added to a
  // region they already know, and may miss one that appears together with its first notice.
  return (
    <div aria-live="polite" data-testid="notices-live">
      {notices.length > 0 && (
        <section className="notices" aria-label={t('notices.label')}>
          <ul className="notices-list">
            {notices.map((notice) => (
              <NoticeItem key={notice.id} notice={notice} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function NoticeItem({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const notices = useNoticesStore();
  const inbox = useInboxStore();
  return (
    <li className={`notice-item notice-item--${notice.kind}`} data-testid="notice" data-kind={notice.kind}>
      <p className="notice-text">
        <span dir="auto">{noticeText(notice, t)}</span>
        {notice.detail && <span className="notice-item-detail">{notice.detail}</span>}
      </p>
      {notice.openable && (
        <button type="button" className="notice-open" data-testid="notice-open" onClick={() => inbox.getState().select(notice.conversationId)}>
          {t('notices.open')}
        </button>
      )}
      <button type="button" className="notice-dismiss" data-testid="notice-dismiss" onClick={() => void notices.getState().dismiss(notice.id)}>
        {t('notices.dismiss')}
      </button>
    </li>
  );
}

function noticeText(notice: Notice, t: (key: string, values?: Record<string, string>) => string): string {
  const values = { customer: notice.customerName, agent: notice.otherAgentName ?? '' };
  const named = notice.otherAgentName !== null && (notice.kind === 'reassigned' || notice.kind === 'claim-lost');
  return t(`notices.kind.${notice.kind}${named ? 'To' : ''}`, values);
}
