import { useEffect } from 'react';
import { commandFor, type ShortcutCommand } from './shortcut-keys.js';

export type ShortcutActions = Record<ShortcutCommand, () => void>;

/** Single-key shortcuts for the whole window, silent while the agent types in a field. */
export function useShortcuts(actions: ShortcutActions, helpOpen: boolean): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      // Holding j or k walks the list; holding any other key must not repeat its action.
      if (event.defaultPrevented || (event.repeat && event.key !== 'j' && event.key !== 'k')) return;
      const command = commandFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        inTextField: isTextField(event.target),
      });
      // Behind the open help only `?` (to close it) does anything.
      if (!command || (helpOpen && command !== 'help')) return;
      event.preventDefault();
      actions[command]();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions, helpOpen]);
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type));
}
