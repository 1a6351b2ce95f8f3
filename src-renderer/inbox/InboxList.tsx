import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../format/use-now.js';
import { useInbox, useInboxStore } from '../state/inbox-store.js';
import { InboxItem } from './InboxItem.js';

const ROW_HEIGHT = 76;
/** Start fetching the next page this many rows before the end comes into view. */
const PREFETCH_ROWS = 10;

export function InboxList({ listRef }: { listRef: RefObject<HTMLDivElement | null> }) {
  const { t } = useTranslation();
  const inbox = useInboxStore();
  const conversations = useInbox((s) => s.conversations);
  const selectedId = useInbox((s) => s.selectedId);
  const hasMore = useInbox((s) => s.nextCursor !== null);
  const loading = useInbox((s) => s.loading);
  const loadingMore = useInbox((s) => s.loadingMore);
  const error = useInbox((s) => s.error);
  const filter = useInbox((s) => s.filter);
  const now = useNow(60_000);

  // The same function until the list changes: a new one makes the virtualizer place every loaded
  // row again, on each scroll frame.
  const getItemKey = useCallback((index: number) => conversations[index]?.id ?? index, [conversations]);
  const virtualizer = useVirtualizer({
    count: conversations.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= conversations.length - PREFETCH_ROWS) void inbox.getState().loadMore();
  }, [hasMore, loadingMore, lastShown, conversations.length, inbox]);

  const select = useCallback(
    (conversationId: string) => {
      inbox.getState().select(conversationId);
      listRef.current?.focus({ preventScroll: true });
    },
    [inbox, listRef],
  );

  const selectedIndex = useMemo(() => conversations.findIndex((c) => c.id === selectedId), [conversations, selectedId]);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const move = { ArrowDown: inbox.getState().selectNext, ArrowUp: inbox.getState().selectPrevious }[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    move();
  }

  const empty = conversations.length === 0;
  return (
    <div
      ref={listRef}
      id="inbox-list"
      className="inbox-list"
      role="listbox"
      tabIndex={0}
      aria-label={t(`inbox.filter.${filter}`)}
      aria-activedescendant={selectedIndex >= 0 && rows.some((r) => r.index === selectedIndex) ? `inbox-item-${selectedIndex}` : undefined}
      aria-busy={loading || loadingMore}
      onKeyDown={onKeyDown}
    >
      {empty && <InboxEmpty loading={loading} error={error} emptyText={t(`inbox.empty.${filter}`)} />}
      <div role="presentation" className="inbox-rows" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const conversation = conversations[row.index];
          if (!conversation) return null;
          return (
            <InboxItem
              key={row.key}
              elementId={`inbox-item-${row.index}`}
              conversation={conversation}
              selected={conversation.id === selectedId}
              now={now}
              top={row.start}
              height={row.size}
              onSelect={select}
            />
          );
        })}
      </div>
      {!empty && (loadingMore || error) && <p className="inbox-footer">{error ?? t('inbox.loadingMore')}</p>}
    </div>
  );
}

function InboxEmpty({ loading, error, emptyText }: { loading: boolean; error: string | null; emptyText: string }) {
  const { t } = useTranslation();
  if (error) return <p className="inbox-empty inbox-empty--error">{error}</p>;
  if (loading) return <p className="inbox-empty">{t('inbox.loading')}</p>;
  return (
    <div className="inbox-empty">
      <p className="inbox-empty-title">{emptyText}</p>
      <p>{t('inbox.emptyHint')}</p>
    </div>
  );
}
