import type { EventName, EventPayload } from '../../src-shared/api/contract.js';
import type { ApiEventSource } from '../core/api-router.js';

/** The core's events and the shell's own (deep links, notification actions, updates) as one source for the renderer. */
export function joinEvents(...sources: readonly ApiEventSource[]): ApiEventSource {
  return {
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const stops = sources.map((source) => source.on(event, listener));
      return () => {
        for (const stop of stops) stop();
      };
    },
  };
}
