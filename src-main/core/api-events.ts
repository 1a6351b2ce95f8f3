import type { EventName, EventPayload } from '../../src-shared/api/contract.js';
import type { ApiEventSource } from './api-router.js';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/** The core's events, for hosts to forward to the renderer. */
export class ApiEvents implements ApiEventSource {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  constructor(private readonly log: (message: string, error?: unknown) => void) {}

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as Listener<EventName>);
    this.listeners.set(event, set);
    return () => set.delete(listener as Listener<EventName>);
  }

  /** A listener that throws is logged; the others still hear the event and the core carries on. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        this.log(`A ${event} listener failed.`, error);
      }
    }
  }
}
