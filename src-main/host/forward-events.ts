import { EVENT_NAMES, type ApiEventFrame } from '../../src-shared/api/contract.js';
import type { ApiEventSource } from '../core/api-router.js';

/** Subscribes to every api event and hands each one on as a frame; returns the unsubscribe. */
export function forwardEvents(events: ApiEventSource, send: (frame: ApiEventFrame) => void): () => void {
  const unsubscribes = EVENT_NAMES.map((event) => events.on(event, (payload) => send({ type: 'event', event, payload })));
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
