import { useRef, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusWhenDropped } from '../focus/use-focus-when-dropped.js';
import { keyOf } from '../shortcuts/shortcut-keys.js';
import { useResolveUndo, useResolveUndoStore, type HeldResolution } from './resolve-undo-store.js';
import './resolve-undo.css';

/** "Resolved · Undo" for the few seconds the desk holds a resolution back; `z` does the same. */
export function ResolveUndoToast() {
  const held = useResolveUndo((s) => s.held);
  const error = useResolveUndo((s) => s.error);
  // Undo pressed on the toast (or its window running out) removes the button that had the focus: back to the inbox.
  useFocusWhenDropped(() => document.getElementById('inbox-list'), held);
  return (
    <div className="resolve-undo-region" role="status" aria-live="polite">
      {/* A new offer is a new toast: where the focus and pointer were belongs to the old one. */}
      {held && <HeldToast key={held.conversationId} held={held} />}
      {error && (
        <div className="resolve-undo resolve-undo--error" data-testid="resolve-undo-error">
          <span className="resolve-undo-text">{error}</span>
        </div>
      )}
    </div>
  );
}

/** While the agent is on the toast, by keyboard or pointer, its window stands still (WCAG 2.2.1). */
function HeldToast({ held }: { held: HeldResolution }) {
  const { t } = useTranslation();
  const store = useResolveUndoStore();
  const on = useRef({ focus: false, pointer: false });
  const onToast = (change: Partial<typeof on.current>) => {
    on.current = { ...on.current, ...change };
    void store.getState().stay(on.current.focus || on.current.pointer);
  };
  const focusLeft = (event: FocusEvent) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onToast({ focus: false });
  };
  return (
    <div
      className="resolve-undo"
      data-testid="resolve-undo"
      data-conversation-id={held.conversationId}
      data-paused={held.paused}
      onFocus={() => onToast({ focus: true })}
      onBlur={focusLeft}
      onMouseEnter={() => onToast({ pointer: true })}
      onMouseLeave={() => onToast({ pointer: false })}
    >
      <span className="resolve-undo-text">{t('undo.resolved', { customer: held.customerName })}</span>
      {/* The live region reads this out, so a screen-reader user learns the key without finding the button. */}
      <span className="sr-only">{t('undo.keyHint', { key: keyOf('undo') })}</span>
      <button type="button" className="resolve-undo-button" data-testid="resolve-undo-button" aria-keyshortcuts={keyOf('undo')} onClick={() => void store.getState().undo()}>
        {t('undo.action')}
      </button>
      <kbd className="resolve-undo-key" aria-hidden="true">
        {keyOf('undo')}
      </kbd>
    </div>
  );
}
