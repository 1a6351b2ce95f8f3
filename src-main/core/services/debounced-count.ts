import type { CoreParts } from './core-parts.js';

export interface CountWatch<T> {
  /** The count now; null where there is nothing to tell (signed out), which forgets the last one told. */
  count: () => T | null;
  tell: (value: T) => void;
  /** Logged when counting throws; the last count told stands. */
  failure: string;
  /** Each subscribes a recount to one event and returns its unsubscribe. */
  triggers: ((recount: () => void) => () => void)[];
  debounceMs: number;
  /** Also recount this often (counts that move with the clock). */
  clockMs?: number;
  /** What counts as told already (so an unchanged first count is not told). */
  told?: T;
}

/**
 * Recounts, debounced, after any trigger, and tells the count only when it differs from the last
 * one told: the shared mechanism of the inbox's view counts and its waiting work. Returns the stop.
 */
export function watchCount<T>({ log }: Pick<CoreParts, 'log'>, watch: CountWatch<T>): { stop: () => void; soon: () => void; told: (value: T) => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let told = watch.told === undefined ? '' : JSON.stringify(watch.told);
  const recount = () => {
    timer = null;
    let value: T | null;
    try {
      value = watch.count();
    } catch (error) {
      log(watch.failure, error);
      return;
    }
    if (value === null) {
      told = '';
      return;
    }
    const text = JSON.stringify(value);
    if (text === told) return;
    told = text;
    watch.tell(value);
  };
  const soon = () => {
    timer ??= setTimeout(recount, watch.debounceMs);
  };
  const clock = watch.clockMs === undefined ? null : setInterval(soon, watch.clockMs);
  clock?.unref?.();
  const stops = watch.triggers.map((subscribe) => subscribe(soon));
  return {
    soon,
    told: (value) => (told = JSON.stringify(value)),
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (clock) clearInterval(clock);
      for (const stop of stops) stop();
    },
  };
}
