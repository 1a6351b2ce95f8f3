import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConversationListFilter } from '../../src-shared/api/contract.js';
import { useInbox, useInboxStore } from '../state/inbox-store.js';

const FILTERS = ConversationListFilter.options;

export function InboxFilters() {
  const { t } = useTranslation();
  const inbox = useInboxStore();
  const current = useInbox((s) => s.filter);

  function choose(filter: ConversationListFilter): void {
    void inbox.getState().setFilter(filter);
  }

  // Tabs move with the arrow keys (WAI-ARIA tabs pattern); Tab itself goes on to the list.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    // Right to left (Arabic) the tabs run mirrored, so ArrowLeft moves on.
    const ahead = getComputedStyle(event.currentTarget).direction === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const behind = ahead === 'ArrowLeft' ? 'ArrowRight' : 'ArrowLeft';
    const step = event.key === ahead ? 1 : event.key === behind ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = FILTERS[(FILTERS.indexOf(current) + step + FILTERS.length) % FILTERS.length];
    if (!next) return;
    choose(next);
    event.currentTarget.querySelector<HTMLButtonElement>(`[data-filter="${next}"]`)?.focus();
  }

  return (
    <div className="inbox-filters" role="tablist" aria-label={t('inbox.filters')} onKeyDown={onKeyDown}>
      {FILTERS.map((filter) => (
        <button
          key={filter}
          type="button"
          role="tab"
          data-testid={`filter-${filter}`}
          data-filter={filter}
          aria-selected={filter === current}
          aria-controls="inbox-list"
          tabIndex={filter === current ? 0 : -1}
          className="inbox-filter"
          onClick={() => choose(filter)}
        >
          {t(`inbox.filter.${filter}`)}
        </button>
      ))}
    </div>
  );
}
