import type { EventsRepository, LoggedEvent } from '../storage/port/events.js';
import { LogListeners, type LogBus } from './log-bus.js';

/** What the bus tells the other nodes through, and what it tells the pokes it has delivered (ClusterPokes). */
export interface PokeLink {
  poke(tenantId: string, head: number): void;
  noteFannedOut(tenantId: string, head: number): void;
}

interface TenantFanOut {
  /** Every event up to here is handed to the fan-out listeners (or was before this node started). */
  through: number;
  /** The delivery under way for this tenant; later ones wait for it, so seqs go out in order. */
  turn: Promise<void> | null;
}

/**
 * The bus of a cluster node. Its own commits and other nodes' (read from the log when a poke or
 * the poller reports a new head) reach the fan-out listeners **once each and in seq order per
 * tenant, with no gap**: a sync session chains frames on `from`, so an event handed over after a
 * later one would be skipped for good. A local commit whose seqs follow what was delivered goes
 * out at once, as on a single node; one that follows events this node has not read yet (another
 * node committed them meanwhile) waits while they are read.
 *
 * A read that fails leaves the tenant where it was: the poller reports the head again within a
 * few seconds and the read is retried from there, so a local commit is then delivered from the log.
 */
export class ClusterBus implements LogBus {
  private readonly fanOut: LogListeners;
  private readonly commits: LogListeners;
  private readonly tenants = new Map<string, TenantFanOut>();
  private readonly running = new Set<Promise<void>>();
  private link: PokeLink | null = null;

  constructor(
    private readonly log: Pick<EventsRepository, 'range'>,
    private readonly reportError: (where: string, error: unknown) => void,
  ) {
    this.fanOut = new LogListeners((error) => reportError('bus listener', error));
    this.commits = new LogListeners((error) => reportError('bus listener', error));
  }

  /** What was committed before this node started is not news: desks pull from their cursors. */
  startFrom(heads: ReadonlyMap<string, number>): void {
    for (const [tenantId, head] of heads) {
      const tenant = this.tenantOf(tenantId);
      tenant.through = Math.max(tenant.through, head);
    }
  }

  /** Pokes go out, and delivered heads are noted, from now on. */
  connect(link: PokeLink): void {
    this.link = link;
  }

  publish(tenantId: string, events: readonly LoggedEvent[]): void | Promise<void> {
    const last = events.at(-1);
    if (!last) return;
    this.commits.tell(tenantId, events);
    this.link?.poke(tenantId, last.seq);
    const tenant = this.tenantOf(tenantId);
    if (tenant.turn === null && events[0]!.seq <= tenant.through + 1) {
      this.deliver(tenantId, tenant, events, last.seq);
      return;
    }
    return this.inTurn(tenantId, tenant, () => this.catchUp(tenantId, tenant, events[0]!.seq - 1, events)).catch((error: unknown) =>
      this.reportError('cluster fan-out', error),
    );
  }

  subscribe: LogBus['subscribe'] = (listener, audience) => this.fanOut.add(listener, audience);
  subscribeCommits: LogBus['subscribeCommits'] = (listener) => this.commits.add(listener);

  /**
   * Another node's commits brought the tenant's log to `head`: read what this node has not
   * delivered and hand it over. Rejects when the log cannot be read (ClusterPokes retries).
   */
  remoteHead(tenantId: string, head: number): Promise<void> {
    const tenant = this.tenantOf(tenantId);
    if (tenant.turn === null && head <= tenant.through) return Promise.resolve();
    return this.inTurn(tenantId, tenant, () => this.catchUp(tenantId, tenant, head, []));
  }

  /** Resolves when no delivery is under way (for a graceful close). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async catchUp(tenantId: string, tenant: TenantFanOut, through: number, then: readonly LoggedEvent[]): Promise<void> {
    if (through > tenant.through) {
      // Nobody here listens: nothing to read, and a desk that signs in later pulls from its cursor.
      const missed = this.fanOut.listenTo(tenantId) ? await this.log.range(tenantId, tenant.through, through) : [];
      this.deliver(tenantId, tenant, missed, through);
    }
    const last = then.at(-1);
    if (last) this.deliver(tenantId, tenant, then, last.seq);
  }

  /** Hands over the events not delivered yet; everything up to `through` counts as delivered. */
  private deliver(tenantId: string, tenant: TenantFanOut, events: readonly LoggedEvent[], through: number): void {
    const fresh = events.filter((event) => event.seq > tenant.through);
    tenant.through = Math.max(tenant.through, through);
    this.fanOut.tell(tenantId, fresh);
    this.link?.noteFannedOut(tenantId, tenant.through);
  }

  private inTurn(tenantId: string, tenant: TenantFanOut, work: () => Promise<void>): Promise<void> {
    const turn = (tenant.turn ?? Promise.resolve()).catch(() => undefined).then(work);
    tenant.turn = turn;
    this.running.add(turn);
    const done = (): void => {
      this.running.delete(turn);
      if (tenant.turn === turn) tenant.turn = null;
    };
    turn.then(done, done);
    return turn;
  }

  private tenantOf(tenantId: string): TenantFanOut {
    let tenant = this.tenants.get(tenantId);
    if (!tenant) {
      tenant = { through: 0, turn: null };
      this.tenants.set(tenantId, tenant);
    }
    return tenant;
  }
}
