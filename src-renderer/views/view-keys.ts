import type { InboxView } from '../../src-shared/api/contract.js';

/** What `g` then a key does: open a built-in view, or put the focus in the view list to walk it with the arrows. */
export type ViewKeyCommand = { open: InboxView } | 'focus-list';

const AFTER_G: Record<string, ViewKeyCommand> = {
  a: { open: { kind: 'all' } },
  m: { open: { kind: 'mine' } },
  u: { open: { kind: 'unassigned' } },
  n: { open: { kind: 'mentions' } },
  v: 'focus-list',
};

/** A second key waits this long after `g`. */
export const G_WINDOW_MS = 1_500;

/** The command for the key pressed after `g` (within the window); null for any other key. */
export function viewKeyAfterG(key: string): ViewKeyCommand | null {
  return Object.hasOwn(AFTER_G, key) ? (AFTER_G[key] ?? null) : null;
}
