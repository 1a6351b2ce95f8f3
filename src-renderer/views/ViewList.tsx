import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxView } from '../../src-shared/api/contract.js';
import { useFocusWhenDropped } from '../focus/use-focus-when-dropped.js';
import { useInbox, useInboxStore } from '../state/inbox-store.js';
import { SavedFilterEditor } from './SavedFilterEditor.js';
import { useViewShortcuts } from './use-view-shortcuts.js';
import { viewGroups, viewKey, type ViewEntry } from './view-entries.js';
import { useViews, useViewsStore } from './views-store.js';
import './views.css';

/**
 * The inbox's views beside the status tabs, with live counts: a listbox walked with the arrow
 * keys (Home and End too), reached with `g v`; the built-in views also with `g m`, `g u`, `g n`, `g a`.
 */
export function ViewList() {
  const { t } = useTranslation();
  const inbox = useInboxStore();
  const views = useViewsStore();
  const current = useInbox((s) => s.view);
  const counts = useViews((s) => s.counts);
  const listRef = useRef<HTMLDivElement>(null);
  const groups = viewGroups(counts);
  const entries = groups.flatMap((group) => group.entries);
  const currentKey = viewKey(current);
  const focusKey = entries.some((e) => e.key === currentKey) ? currentKey : entries[0]?.key;

  const choose = useCallback((view: InboxView) => void inbox.getState().setView(view), [inbox]);
  const focusList = useCallback(() => listRef.current?.querySelector<HTMLElement>('[role="option"][tabindex="0"]')?.focus(), []);
  useViewShortcuts(choose, focusList);
  // A deleted filter takes its buttons, and maybe the focus, along: the focus goes back to the list.
  useFocusWhenDropped(() => listRef.current?.querySelector<HTMLElement>('[role="option"][tabindex="0"]'), currentKey);
  // A view opened by key (or a filter just saved) may sit below the list's fold.
  useEffect(() => {
    listRef.current?.querySelector(`[data-view-key="${CSS.escape(currentKey)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [currentKey, counts]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const index = entries.findIndex((e) => e.key === currentKey);
    const target = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: entries.length - 1 }[event.key];
    if (event.key === 'Enter' || event.key === ' ') {
      // The view follows the focus already; Enter takes the agent on to its conversations.
      event.preventDefault();
      if (event.key === 'Enter') document.getElementById('inbox-list')?.focus();
      return;
    }
    if (target === undefined) return;
    event.preventDefault();
    const next = entries[Math.min(Math.max(target, 0), entries.length - 1)];
    if (!next) return;
    choose(next.view);
    listRef.current?.querySelector<HTMLElement>(`[data-view-key="${CSS.escape(next.key)}"]`)?.focus();
  }

  return (
    <section className="inbox-views" aria-labelledby="views-title">
      <div className="inbox-views-header">
        <h3 id="views-title" className="inbox-views-title">
          {t('views.title')}
        </h3>
        <button type="button" className="link-button" data-testid="view-new-filter" onClick={() => views.getState().startNew()}>
          {t('views.newFilter')}
        </button>
      </div>
      <div ref={listRef} role="listbox" aria-labelledby="views-title" className="inbox-views-list" data-testid="view-list" onKeyDown={onKeyDown}>
        {groups.map(
          (group) =>
            group.entries.length > 0 && (
              <div key={group.id} role="group" aria-label={t(`views.group.${group.id}`)}>
                <div className="inbox-views-group" aria-hidden="true">
                  {t(`views.group.${group.id}`)}
                </div>
                {group.entries.map((entry) => (
                  <ViewOption key={entry.key} entry={entry} selected={entry.key === currentKey} focusable={entry.key === focusKey} onChoose={choose} />
                ))}
              </div>
            ),
        )}
      </div>
      {current.kind === 'saved' && <SavedFilterActions filterId={current.filterId} />}
      <SavedFilterEditor onSaved={(filterId) => choose({ kind: 'saved', filterId })} />
    </section>
  );
}

function ViewOption({ entry, selected, focusable, onChoose }: { entry: ViewEntry; selected: boolean; focusable: boolean; onChoose: (view: InboxView) => void }) {
  const { t } = useTranslation();
  const name = 'key' in entry.name ? t(entry.name.key) : entry.name.text;
  return (
    <div
      role="option"
      id={`view-${entry.key}`}
      data-view-key={entry.key}
      data-testid={`view-${entry.key}`}
      aria-selected={selected}
      tabIndex={focusable ? 0 : -1}
      className="inbox-view"
      onClick={() => onChoose(entry.view)}
    >
      {/* The name read out is the text shown (WCAG 2.5.3), the count after a pause a screen reader voices. */}
      <span className="inbox-view-name">{name}</span>
      {entry.count !== null && (
        <>
          <span className="sr-only">: </span>
          <span className="inbox-view-count" data-testid="view-count">
            {entry.count}
          </span>
        </>
      )}
    </div>
  );
}

/** Edit or delete the saved filter being viewed; deleting asks once more. */
function SavedFilterActions({ filterId }: { filterId: string }) {
  const { t } = useTranslation();
  const views = useViewsStore();
  const filter = useViews((s) => s.counts?.saved.find((saved) => saved.filter.id === filterId)?.filter);
  const error = useViews((s) => (s.draft ? null : s.error));
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  // Asking once more replaces the buttons the agent pressed; the focus moves to the question's answer and back.
  useFocusWhenDropped(() => (confirming ? confirmRef.current : deleteRef.current), confirming);
  if (!filter) return null;
  return (
    <div className="inbox-views-actions" role="group" aria-label={t('views.filterActions', { name: filter.name })}>
      {confirming ? (
        <>
          <span className="inbox-views-confirm">{t('views.deleteConfirm', { name: filter.name })}</span>
          <button type="button" className="button inbox-views-danger" ref={confirmRef} data-testid="view-delete-confirm" onClick={() => void views.getState().remove(filterId).then(() => setConfirming(false))}>
            {t('views.delete')}
          </button>
          <button type="button" className="button button--quiet" data-testid="view-delete-keep" onClick={() => setConfirming(false)}>
            {t('views.keep')}
          </button>
        </>
      ) : (
        <>
          <button type="button" className="button button--quiet" data-testid="view-edit-filter" onClick={() => views.getState().startEdit(filter)}>
            {t('views.editFilter')}
          </button>
          <button type="button" className="button button--quiet" ref={deleteRef} data-testid="view-delete-filter" onClick={() => setConfirming(true)}>
            {t('views.deleteFilter')}
          </button>
        </>
      )}
      {error && (
        <p className="inbox-views-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
