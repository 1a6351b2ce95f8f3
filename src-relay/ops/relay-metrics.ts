import type { IncomingMessage } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { WebSocketServer } from 'ws';
import { SYNC_PATH } from '../../src-shared/protocol/sync.js';
import { WEBCHAT_PATH } from '../../src-shared/protocol/webchat.js';
import type { LoggedEvent } from '../storage/port/events.js';
import { BUS_STATES, type BusState } from './readiness.js';

/** Connections of the database pool; SQLite has one connection and no pool (idle and waiting unknown). */
export interface PoolStats {
  total: number;
  idle: number | null;
  waiting: number | null;
}

export const SQLITE_POOL: PoolStats = { total: 1, idle: null, waiting: null };

export interface MetricSources {
  databasePool(): PoolStats;
  busState(): BusState;
}

/** From a millisecond to well past what a desk would notice; commit to send stays under 100 ms when healthy. */
const FANOUT_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The relay's Prometheus metrics, in a registry of its own (never prom-client's global one, so
 * several relays in one process, as in the tests, do not collide). Labels stay bounded: no
 * tenant, agent or conversation ids.
 */
export class RelayMetrics {
  readonly registry = new Registry();
  private readonly connections: Gauge<'transport'>;
  private readonly pushes: Counter;
  private readonly mutations: Counter<'outcome'>;
  private readonly eventsCommitted: Counter;
  private readonly fanoutLag: Histogram;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    this.connections = new Gauge({ name: 'relay_connections', help: 'Open WebSocket connections, by transport (sync: desks; webchat: customer pages).', labelNames: ['transport'], registers });
    this.connections.set({ transport: 'sync' }, 0);
    this.connections.set({ transport: 'webchat' }, 0);
    this.pushes = new Counter({ name: 'relay_sync_pushes_total', help: 'Push frames handled (each one transaction and one ack).', registers });
    this.mutations = new Counter({ name: 'relay_sync_mutations_total', help: 'Mutations in handled pushes, by outcome (accepted or refused by its rule).', labelNames: ['outcome'], registers });
    this.eventsCommitted = new Counter({ name: 'relay_events_committed_total', help: 'Log events committed on this node.', registers });
    this.fanoutLag = new Histogram({ name: 'relay_fanout_lag_seconds', help: "From an event's commit to its frame written to the desks' sockets.", buckets: FANOUT_BUCKETS_S, registers });
    new Gauge({
      name: 'relay_database_pool_connections',
      help: 'Database connections by state (total, idle, waiting for one); SQLite reports total 1 only.',
      labelNames: ['state'],
      registers,
      collect() {
        this.reset();
        const pool = sources.databasePool();
        this.set({ state: 'total' }, pool.total);
        if (pool.idle !== null) this.set({ state: 'idle' }, pool.idle);
        if (pool.waiting !== null) this.set({ state: 'waiting' }, pool.waiting);
      },
    });
    new Gauge({
      name: 'relay_bus_state',
      help: 'The bus between nodes: 1 for its current state, 0 for the others (in_process: a single node).',
      labelNames: ['state'],
      registers,
      collect() {
        const current = sources.busState();
        for (const state of BUS_STATES) this.set({ state }, state === current ? 1 : 0);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts every socket the WebSocket server accepts, by path, until it closes. */
  countSockets(server: WebSocketServer): void {
    server.on('connection', (socket, request: IncomingMessage) => {
      const transport = transportOf(request.url);
      if (!transport) return;
      this.connections.inc({ transport });
      socket.once('close', () => this.connections.dec({ transport }));
    });
  }

  pushed(mutations: number, refused: number): void {
    this.pushes.inc();
    if (mutations > refused) this.mutations.inc({ outcome: 'accepted' }, mutations - refused);
    if (refused > 0) this.mutations.inc({ outcome: 'refused' }, refused);
  }

  committed(events: readonly LoggedEvent[]): void {
    this.eventsCommitted.inc(events.length);
  }

  /** `now` on the same clock as the events' `at` (the relay's clock). */
  fannedOut(events: readonly LoggedEvent[], now: number): void {
    for (const event of events) this.fanoutLag.observe(Math.max(0, now - event.at) / 1000);
  }
}

function transportOf(url: string | undefined): 'sync' | 'webchat' | null {
  const path = new URL(url ?? '/', 'http://relay').pathname;
  if (path === SYNC_PATH) return 'sync';
  if (path === WEBCHAT_PATH) return 'webchat';
  return null;
}
