import type { LoggedEvent } from '../storage/port/events.js';

export type LogListener = (tenantId: string, events: readonly LoggedEvent[]) => void;

/**
 * Tells whoever fans events out (sync connections, web-chat sockets) what was just committed.
 * In-process for one relay; across relay nodes this is where NATS would sit, and anything a
 * bus drops is caught by the clients' seq gap check.
 */
export interface LogBus {
  publish(tenantId: string, events: readonly LoggedEvent[]): void;
  subscribe(listener: LogListener): () => void;
}

export function createInProcessBus(reportError: (error: unknown) => void): LogBus {
  const listeners = new Set<LogListener>();
  return {
    publish(tenantId, events) {
      if (events.length === 0) return;
      for (const listener of listeners) {
        // The change is already committed: a failing listener must not turn it into an error.
        try {
          listener(tenantId, events);
        } catch (error) {
          reportError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
