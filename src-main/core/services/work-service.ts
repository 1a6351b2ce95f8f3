import type { WaitingWork } from '../../../src-shared/api/contract.js';
import type { NamespaceHandlers } from '../api-router.js';
import type { CoreParts } from './core-parts.js';
import { watchCount } from './debounced-count.js';
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
  const watch = watchCount<WaitingWork>(
    { log },
    {
      count: () => {
        const agent = cache.session.signIn()?.agent;
        return agent ? countWaitingWork(cache.waitingWork.candidates(agent.id), cache.notices.shown(), agent, Date.now()) : NOTHING_WAITING;
      },
      tell: (work) => events.emit('work.changed', work),
      failure: 'The waiting work could not be counted.',
      triggers: [
        (soon) => events.on('conversations.changed', soon),
        (soon) => events.on('messages.changed', soon),
        (soon) => events.on('notices.changed', soon),
        (soon) => events.on('session.changed', soon),
      ],
      debounceMs,
      told: NOTHING_WAITING,
    },
  );
  watch.soon();
  return watch.stop;
}
