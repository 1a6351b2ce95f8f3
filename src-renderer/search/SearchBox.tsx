import { useEffect, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useInboxStore } from '../state/inbox-store.js';
import { useSearchStore } from './search-store.js';
import { SearchHits } from './SearchHits.js';
import './search.css';

/** Wait this long after the last keystroke before asking the core. */
const TYPING_PAUSE_MS = 200;

interface SearchBoxProps {
  inputRef: RefObject<HTMLInputElement | null>;
  /** Called when the agent leaves search with Escape or opens a hit. */
  onLeave: () => void;
}

export function SearchBox({ inputRef, onLeave }: SearchBoxProps) {
  const { t } = useTranslation();
  const search = useSearchStore();
  const inbox = useInboxStore();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => void search.getState().search(text), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, search]);

  function close(): void {
    setText('');
    setOpen(false);
    search.getState().clear();
  }

  function choose(conversationId: string): void {
    inbox.getState().select(conversationId);
    close();
    onLeave();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      onLeave();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    moveFocus(event.currentTarget, event.key === 'ArrowDown' ? 1 : -1);
  }

  function onBlur(event: FocusEvent<HTMLDivElement>): void {
    if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
  }

  const hitsShown = open && text.trim() !== '';
  return (
    <div className="search" role="search" onKeyDown={onKeyDown} onBlur={onBlur}>
      <input
        ref={inputRef}
        data-testid="search-input"
        className="input search-input"
        type="search"
        value={text}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        // A search box has no aria-expanded (ARIA allows it on comboboxes only); the hits' count is
        // announced by their own status line.
        aria-controls={hitsShown ? 'search-hits' : undefined}
        onFocus={() => setOpen(true)}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          const first = search.getState().hits[0];
          if (first) choose(first.conversation.id);
        }}
      />
      {hitsShown && <SearchHits onChoose={choose} />}
    </div>
  );
}

/** Arrow keys walk from the box through the hits and back. */
function moveFocus(container: HTMLElement, step: number): void {
  const stops = [...container.querySelectorAll<HTMLElement>('input, [data-testid="search-hit"]')];
  const index = stops.findIndex((element) => element === document.activeElement);
  stops[Math.min(Math.max(index + step, 0), stops.length - 1)]?.focus();
}
