import { randomUUID } from 'node:crypto';
import type { Msg } from '@nats-io/transport-node';
import { startHeadPoller, type ReadHeads } from './head-poller.js';
import { openNatsLink, type BusState } from './nats-link.js';
import { checkSubjectPrefix, decodePoke, encodePoke, pokeSubject, pokeWildcard } from './poke.js';
import { RemoteHeads, type RemoteHeadHandler } from './remote-heads.js';

export type { BusState } from './nats-link.js';
export type { ReadHeads } from './head-poller.js';
export type { RemoteHeadHandler } from './remote-heads.js';

/**
 * How relay nodes tell each other that a tenant's log moved, in addition to the in-process
 * `LogBus` (which still fans a node's own commits out to its own sockets). Started only in a
 * cluster (`RELAY_NATS_URL` set); a single relay never builds it.
 *
 * Wiring, for the relay:
 * - after each local commit (and its local fan-out): `poke(tenant, head)` then
 *   `noteFannedOut(tenant, head)`;
 * - `onRemoteHead(tenant, head)`: read the tenant's log from what this node last fanned out up
 *   to `head`, deliver it to the node's sockets, then `noteFannedOut(tenant, head)`. Calls for one
 *   tenant never overlap and their heads only rise; a call that throws is retried by the poller.
 *   The poller may also call it for this node's own commit, read between commit and
 *   `noteFannedOut`: reading from the node's own fan-out cursor makes that a no-op;
 * - `heads()`: every tenant's head seq from the storage (read at start as the baseline, then polled);
 * - `state()` and `onStateChange` for `/readyz` and the bus-state metric, `stats()` for counters;
 * - `close()` on shutdown, before the storage closes.
 *
 * Core NATS, no JetStream: a poke is only a hint. A lost one (NATS down, a node killed between
 * commit and poke) is found by the poller within `pollIntervalMs`, and desks pull on any seq gap.
 */
export interface ClusterPokes {
  readonly nodeId: string;
  /** Tells the other nodes that `tenantId`'s log reached `head`. Never throws; dropped while disconnected. */
  poke(tenantId: string, head: number): void;
  /** This node delivered `tenantId`'s events up to `head`: nothing at or below it is called for. */
  noteFannedOut(tenantId: string, head: number): void;
  state(): BusState;
  stats(): PokeStats;
  /** Stops polling, drains NATS, and waits for running `onRemoteHead` calls. */
  close(): Promise<void>;
}

/** Counters since start, for metrics. */
export interface PokeStats {
  sent: number;
  /** Not handed to NATS (disconnected or closing): the other nodes' pollers will find these heads. */
  unsent: number;
  /** Valid pokes from other nodes, news or not. */
  received: number;
  /** Dropped: not JSON, not the schema, too large, or the subject of another tenant. */
  malformed: number;
  /** Heads handed to `onRemoteHead` because the poller found them before any poke did. */
  caughtByPoller: number;
  /** `heads()` or `onRemoteHead` failures (each one also goes to `reportError`). */
  failures: number;
}

export interface ClusterPokesOptions {
  /** `RELAY_NATS_URL`, e.g. `nats://nats:4222`; a comma-separated list for a NATS cluster. */
  url: string;
  heads: ReadHeads;
  onRemoteHead: RemoteHeadHandler;
  reportError(where: string, error: unknown): void;
  onStateChange?(state: BusState): void;
  /** Unique per process; a random id by default, so a restarted node is a new node. */
  nodeId?: string;
  /** Subjects are `<prefix>.poke.<tenant>`; default `relay`. Tests use a random one. */
  subjectPrefix?: string;
  /** Default 3 s: how long a lost poke can delay a fan-out. */
  pollIntervalMs?: number;
  /** Default 2 s, plus up to as much again as jitter, so nodes do not all reconnect at once. */
  reconnectWaitMs?: number;
  /** Default 5 s: a dead link is noticed after two unanswered pings. */
  pingIntervalMs?: number;
}

/**
 * Reads the heads once as the baseline (what was committed before this node started is not news:
 * desks pull from their cursors when they connect), then connects in the background and polls.
 * Resolves without waiting for NATS: until it connects, state() is `reconnecting`.
 */
export async function startClusterPokes(options: ClusterPokesOptions): Promise<ClusterPokes> {
  const nodeId = options.nodeId ?? randomUUID();
  const prefix = checkSubjectPrefix(options.subjectPrefix ?? 'relay');
  const stats: PokeStats = { sent: 0, unsent: 0, received: 0, malformed: 0, caughtByPoller: 0, failures: 0 };
  const fail = (where: string) => (error: unknown) => {
    stats.failures += 1;
    options.reportError(where, error);
  };

  const remoteHeads = new RemoteHeads(options.onRemoteHead, fail('cluster fan-out'));
  for (const [tenantId, head] of await options.heads()) remoteHeads.noteFannedOut(tenantId, head);

  const onMessage = (message: Msg): void => {
    const poke = decodePoke(prefix, message.subject, message.data);
    if (poke === null) {
      stats.malformed += 1;
      return;
    }
    // noEcho keeps our own pokes off this connection; the id check also covers a second
    // connection of the same node.
    if (poke.node === nodeId) return;
    stats.received += 1;
    remoteHeads.offer(poke.tenant, poke.head);
  };

  const link = openNatsLink({
    url: options.url,
    name: `relay-${nodeId}`,
    subject: pokeWildcard(prefix),
    onMessage,
    onStateChange: (state) => options.onStateChange?.(state),
    reportError: (error) => options.reportError('cluster bus', error),
    reconnectWaitMs: options.reconnectWaitMs ?? 2_000,
    pingIntervalMs: options.pingIntervalMs ?? 5_000,
  });

  const poller = startHeadPoller({
    heads: options.heads,
    intervalMs: options.pollIntervalMs ?? 3_000,
    offer: (tenantId, head) => remoteHeads.offer(tenantId, head),
    onCaught: () => {
      stats.caughtByPoller += 1;
    },
    reportError: fail('head poll'),
  });

  return {
    nodeId,
    poke(tenantId, head) {
      const sent = link.publish(pokeSubject(prefix, tenantId), encodePoke({ tenant: tenantId, head, node: nodeId }));
      if (sent) stats.sent += 1;
      else stats.unsent += 1;
    },
    noteFannedOut: (tenantId, head) => remoteHeads.noteFannedOut(tenantId, head),
    state: () => link.state(),
    stats: () => ({ ...stats }),
    async close() {
      await poller.stop();
      await link.close();
      await remoteHeads.settled();
    },
  };
}
