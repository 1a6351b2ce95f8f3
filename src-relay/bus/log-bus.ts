import type { LoggedEvent } from '../storage/port/events.js';

export type LogListener = (tenantId: string, events: readonly LoggedEvent[]) => void;

/**
 * Tells whoever fans events out (sync connections, web-chat sockets) what this node just
 * committed. In-process, on a single relay and on every node of a cluster alike; other nodes'
 * commits arrive as heads through `ClusterPokes` (cluster-pokes.ts), and their events are read
 * from the log. Anything a bus drops is caught by the clients' seq gap check.
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
