import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { waitFor } from '../../../tests/support/wait.js';
import { startClusterPokes, type BusState, type ClusterPokes, type ClusterPokesOptions } from '../cluster-pokes.js';

/** One relay node as the cluster tests see it: its pokes, what it was asked to fan out, its log heads. */
export interface PokeNode {
  pokes: ClusterPokes;
  /** Every onRemoteHead call, in order. */
  calls: [tenantId: string, head: number][];
  /** What this node's storage would answer to heads(); tests move it to stand for other nodes' commits. */
  heads: Map<string, number>;
  states: BusState[];
  errors: unknown[];
  headsOf(tenantId: string): number[];
}

/** A random prefix per test, so runs in parallel (and tests in one run) never hear each other. */
export function testPrefix(): string {
  return `test-${randomUUID().slice(0, 8)}`;
}

export class PokeNodes {
  private readonly started: PokeNode[] = [];
  private readonly raw: NatsConnection[] = [];

  constructor(
    private readonly url: string,
    readonly prefix = testPrefix(),
  ) {}

  async start(options: Partial<ClusterPokesOptions> & { baseline?: Record<string, number> } = {}): Promise<PokeNode> {
    const heads = new Map(Object.entries(options.baseline ?? {}));
    const calls: PokeNode['calls'] = [];
    const states: BusState[] = [];
    const errors: unknown[] = [];
    const pokes = await startClusterPokes({
      url: this.url,
      subjectPrefix: this.prefix,
      pollIntervalMs: 60_000,
      reconnectWaitMs: 100,
      heads: () => Promise.resolve(new Map(heads)),
      onRemoteHead: (tenantId, head) => void calls.push([tenantId, head]),
      reportError: (_where, error) => errors.push(error),
      onStateChange: (state) => states.push(state),
      ...options,
    });
    const node: PokeNode = { pokes, calls, heads, states, errors, headsOf: (tenantId) => calls.filter(([t]) => t === tenantId).map(([, head]) => head) };
    this.started.push(node);
    return node;
  }

  async connected(...nodes: PokeNode[]): Promise<void> {
    await waitFor('every node connected to NATS', () => nodes.every((node) => node.pokes.state() === 'connected'));
  }

  /** A bare connection that publishes whatever a test wants on the pokes' subjects. */
  async publisher(): Promise<NatsConnection> {
    const nc = await connect({ servers: this.url });
    this.raw.push(nc);
    return nc;
  }

  async close(): Promise<void> {
    await Promise.all(this.started.map((node) => node.pokes.close()));
    await Promise.all(this.raw.map((nc) => nc.close()));
  }
}
