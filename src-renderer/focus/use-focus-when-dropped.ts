import { useEffect, useRef } from 'react';

/**
 * When what had the focus goes away (an opened article replaces its search hit, a toast leaves,
 * a deleted filter takes its buttons along), the browser drops the focus to <body> and a keyboard
 * user has to start again from the top. After `trigger` changes, not on mount, this puts the focus
 * on `target()` if, and only if, it was dropped.
 */
export function useFocusWhenDropped(target: () => HTMLElement | null | undefined, trigger: unknown): void {
  const first = useRef(true);
  const latest = useRef(target);
  latest.current = target;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (focusDropped()) latest.current()?.focus({ preventScroll: true });
  }, [trigger]);
}

function focusDropped(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || active === document.documentElement;
}
