import { useEffect } from 'react';
import type { InboxView } from '../../src-shared/api/contract.js';
import { G_WINDOW_MS, viewKeyAfterG } from './view-keys.js';

/**
 * `g` then a key opens a view (`g m` Mine, `g u` Unassigned, `g n` Mentions, `g a` All) or puts
 * the focus in the view list (`g v`). Silent while typing, with a modifier, or behind a dialog.
 */
export function useViewShortcuts(open: (view: InboxView) => void, focusList: () => void): void {
  useEffect(() => {
    let gAt = -Infinity;
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey || isTextField(event.target) || document.querySelector('dialog[open]')) return;
      if (event.key === 'g') {
        gAt = event.timeStamp;
        return;
      }
      const waiting = event.timeStamp - gAt <= G_WINDOW_MS;
      gAt = -Infinity;
      const command = waiting ? viewKeyAfterG(event.key) : null;
      if (!command) return;
      event.preventDefault();
      if (command === 'focus-list') focusList();
      else open(command.open);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open, focusList]);
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type));
}
