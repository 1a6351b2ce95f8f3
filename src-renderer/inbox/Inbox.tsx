import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { NewEmailButton } from '../email/NewEmailDialog.js';
import { useInbox } from '../state/inbox-store.js';
import { ChannelFilter } from './ChannelFilter.js';
import { InboxFilters } from './InboxFilters.js';
import { LabelFilter } from './LabelChips.js';
import { InboxList } from './InboxList.js';
import { ViewList } from '../views/ViewList.js';
import './inbox.css';

export function Inbox({ listRef }: { listRef: RefObject<HTMLDivElement | null> }) {
  const { t } = useTranslation();
  const count = useInbox((s) => s.conversations.length);
  const hasMore = useInbox((s) => s.nextCursor !== null);

  return (
    <aside className="inbox" aria-labelledby="inbox-title">
      <div className="inbox-header">
        <h2 id="inbox-title" className="inbox-title">
          {t('inbox.label')}
        </h2>
        <span className="inbox-count">{hasMore ? t('inbox.countMore', { count }) : t('inbox.count', { count })}</span>
        <NewEmailButton />
      </div>
      <ViewList />
      <InboxFilters />
      <ChannelFilter />
      <LabelFilter />
      <InboxList listRef={listRef} />
    </aside>
  );
}
