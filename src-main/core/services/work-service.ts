import type { WaitingWork } from '../../../src-shared/api/contract.js';
import type { NamespaceHandlers } from '../api-router.js';
import type { CoreParts } from './core-parts.js';
import { countWaitingWork, NOTHING_WAITING } from './waiting-work.js';

/** Bursts of changes (a pull of 500 events) settle into one count. */
export const WORK_COUNT_DEBOUNCE_MS = 300;

/** The work waiting on the agent, for the desktop's badges (and any screen that wants the count). */
export function workHandlers({ cache, guards }: Pick<CoreParts, 'cache' | 'guards'>): NamespaceHandlers<'work'> {
  return {
    'work.waiting': async () => {
      const agent = guards.requireAgent();
      return countWaitingWork(cache.waitingWork.candidates(agent.id), cache.notices.shown(), agent, Date.now());
    },
  };
}

/**
 * Emits `work.changed` when conversations, messages, notices or the signed-in agent change,
 * debounced, and only when the count differs from the last one told (signed out: nothing
 * waits). Returns the stop.
 */
export function watchWaitingWork({ cache, events, log }: Pick<CoreParts, 'cache' | 'events' | 'log'>, debounceMs = WORK_COUNT_DEBOUNCE_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let told = JSON.stringify(NOTHING_WAITING);
  const recount = () => {
    timer = null;
    let work: WaitingWork;
    try {
      const agent = cache.session.signIn()?.agent;
      work = agent ? countWaitingWork(cache.waitingWork.candidates(agent.id), cache.notices.shown(), agent, Date.now()) : NOTHING_WAITING;
    } catch (error) {
      log('The waiting work could not be counted.', error);
      return;
    }
    const text = JSON.stringify(work);
    if (text === told) return;
    told = text;
    events.emit('work.changed', work);
  };
  const soon = () => {
    timer ??= setTimeout(recount, debounceMs);
  };
  const stops = [events.on('conversations.changed', soon), events.on('messages.changed', soon), events.on('notices.changed', soon), events.on('session.changed', soon)];
  soon();
  return () => {
    if (timer) clearTimeout(timer);
    timer = null;
    for (const stop of stops) stop();
  };
}
