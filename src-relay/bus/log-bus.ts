import type { LoggedEvent } from '../storage/port/events.js';

export type LogListener = (tenantId: string, events: readonly LoggedEvent[]) => void;

/** Whether a listener has anyone on this node for the tenant (a signed-in desk, an open chat page). */
export type TenantAudience = (tenantId: string) => boolean;

/**
 * Tells whoever fans events out (sync connections, web-chat sockets) what to send. On a single
 * relay that is what this node just committed. In a cluster (`ClusterBus`, cluster-bus.ts) it is
 * also what other nodes committed, read from the log when their pokes arrive. Either way each
 * listener gets a tenant's events once each, in seq order. Anything a bus drops is caught by the
 * clients' seq gap check.
 */
export interface LogBus {
  /**
   * This node committed `events`: commit listeners hear of them, and fan-out listeners get them
   * (at once on a single node; in a cluster behind other nodes' events they follow). Resolves once
   * they are handed over; never rejects, since the change is already committed.
   */
  publish(tenantId: string, events: readonly LoggedEvent[]): void | Promise<void>;
  /**
   * Fan-out: every event this node's sockets should get. `audience` lets a cluster node skip reading
   * another node's commits for a tenant nobody on this node listens to; without it, every tenant.
   */
  subscribe(listener: LogListener, audience?: TenantAudience): () => void;
  /** Only this node's own commits, each once, whoever fanned them out (the committed-events metric). */
  subscribeCommits(listener: LogListener): () => void;
}

/** Listeners that a failing one cannot stop: the change is already committed. */
export class LogListeners {
  private readonly listeners = new Map<LogListener, TenantAudience | null>();

  constructor(private readonly reportError: (error: unknown) => void) {}

  add(listener: LogListener, audience: TenantAudience | null = null): () => void {
    this.listeners.set(listener, audience);
    return () => this.listeners.delete(listener);
  }

  tell(tenantId: string, events: readonly LoggedEvent[]): void {
    if (events.length === 0) return;
    for (const listener of this.listeners.keys()) {
      try {
        listener(tenantId, events);
      } catch (error) {
        this.reportError(error);
      }
    }
  }

  /** True when a listener without an audience, or one whose audience includes the tenant, is there. */
  listenTo(tenantId: string): boolean {
    for (const audience of this.listeners.values()) if (audience === null || audience(tenantId)) return true;
    return false;
  }
}

export function createInProcessBus(reportError: (error: unknown) => void): LogBus {
  const fanOut = new LogListeners(reportError);
  const commits = new LogListeners(reportError);
  return {
    publish(tenantId, events) {
      commits.tell(tenantId, events);
      fanOut.tell(tenantId, events);
    },
    subscribe: (listener, audience) => fanOut.add(listener, audience),
    subscribeCommits: (listener) => commits.add(listener),
  };
}

/** How many listeners of one kind (signed-in desks, chat pages) each tenant has on this node: a hub's `TenantAudience`. */
export class TenantHeadcount {
  private readonly counts = new Map<string, number>();

  add(tenantId: string): void {
    this.counts.set(tenantId, (this.counts.get(tenantId) ?? 0) + 1);
  }

  remove(tenantId: string): void {
    const left = (this.counts.get(tenantId) ?? 0) - 1;
    if (left > 0) this.counts.set(tenantId, left);
    else this.counts.delete(tenantId);
  }

  has = (tenantId: string): boolean => this.counts.has(tenantId);
}
