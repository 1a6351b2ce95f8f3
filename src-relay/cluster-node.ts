import { ClusterBus } from './bus/cluster-bus.js';
import { startClusterPokes, type ClusterPokes, type ClusterPokesOptions } from './bus/cluster-pokes.js';
import type { OpsOptions } from './ops/relay-ops.js';
import { busProbe, type BusState } from './ops/readiness.js';
import type { RelayStorage } from './storage/port/relay-storage.js';

/** How a node joins the others (tests shorten the waits and keep to a subject prefix of their own). */
export type ClusterSettings = Partial<Pick<ClusterPokesOptions, 'subjectPrefix' | 'pollIntervalMs' | 'pingIntervalMs' | 'reconnectWaitMs'>>;

/**
 * One relay node among others (RELAY_NATS_URL set): its bus fans out its own commits and the
 * others' (read from the log), and pokes tell the others of its commits.
 */
export class ClusterNode {
  readonly bus: ClusterBus;
  private pokes: ClusterPokes | null = null;

  constructor(
    private readonly store: RelayStorage,
    private readonly reportError: (where: string, error: unknown) => void,
  ) {
    this.bus = new ClusterBus(store.events, reportError);
  }

  /**
   * Starts from the log's heads as they are (desks pull what came before), then listens. Resolves
   * without waiting for NATS: until it answers, the node is not ready (`/readyz`).
   */
  async join(natsUrl: string, settings: ClusterSettings = {}): Promise<void> {
    const heads = () => this.store.events.heads();
    this.bus.startFrom(await heads());
    this.pokes = await startClusterPokes({
      ...settings,
      url: natsUrl,
      heads,
      onRemoteHead: (tenantId, head) => this.bus.remoteHead(tenantId, head),
      reportError: this.reportError,
    });
    this.bus.connect(this.pokes);
  }

  /** The bus's readiness probe and metric, beside the caller's own ops settings. */
  opsWith(ops: OpsOptions = {}): OpsOptions {
    const state = (): BusState => {
      const now = this.pokes?.state() ?? 'reconnecting';
      return now === 'closed' ? 'disconnected' : now;
    };
    return { ...ops, probes: [...(ops.probes ?? []), busProbe(state)], sources: { busState: state, ...ops.sources } };
  }

  /** Stops polling and pokes, and waits for the reads under way; before the storage closes. */
  async close(): Promise<void> {
    await this.pokes?.close();
    await this.bus.settled();
  }
}
