import { CallRelay } from './bus/call-relay.js';
import { ClusterBus } from './bus/cluster-bus.js';
import { startClusterPokes, type ClusterPokes, type ClusterPokesOptions } from './bus/cluster-pokes.js';
import type { OpsOptions } from './ops/relay-ops.js';
import { ClusterPresence } from './presence/cluster-presence.js';
import { busProbe, type BusState } from './ops/readiness.js';
import type { RelayStorage } from './storage/port/relay-storage.js';

/** How a node joins the others (tests shorten the waits and keep to a subject prefix of their own). */
export type ClusterSettings = Partial<Pick<ClusterPokesOptions, 'subjectPrefix' | 'pollIntervalMs' | 'pingIntervalMs' | 'reconnectWaitMs'>> & {
  /** Default 2 s: how often a node announces its desks; one not heard for 3 of these drops out. */
  presenceHeartbeatMs?: number;
};

/**
 * One relay node among others (RELAY_NATS_URL set): its bus fans out its own commits and the
 * others' (read from the log), pokes tell the others of its commits, and its presence announces
 * its desks and keeps the others' (presence/cluster-presence.ts).
 */
export class ClusterNode {
  readonly bus: ClusterBus;
  /** Who is connected on any node: the core's `connected`. Built at once, told of the others once joined. */
  readonly presence: ClusterPresence;
  /** Web-call frames to and from the other nodes' desks; null until joined. */
  calls: CallRelay | null = null;
  private pokes: ClusterPokes | null = null;

  constructor(
    private readonly store: RelayStorage,
    private readonly reportError: (where: string, error: unknown) => void,
    settings: ClusterSettings = {},
  ) {
    this.bus = new ClusterBus(store.events, reportError);
    this.presence = new ClusterPresence({ heartbeatMs: settings.presenceHeartbeatMs });
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
    const link = {
      url: natsUrl,
      subjectPrefix: settings.subjectPrefix ?? 'relay',
      reconnectWaitMs: settings.reconnectWaitMs ?? 2_000,
      pingIntervalMs: settings.pingIntervalMs ?? 5_000,
      reportError: this.reportError,
    };
    this.presence.start(link);
    this.calls = new CallRelay({ ...link, nodeId: this.presence.nodeId });
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
    await this.presence.close();
    await this.calls?.close();
    await this.pokes?.close();
    await this.bus.settled();
  }
}
