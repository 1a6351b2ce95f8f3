import type { FastifyInstance } from 'fastify';
import type { RelayCore } from '../relay-core.js';
import type { SyncHub } from '../sync/sync-hub.js';
import { HttpDrain, type DrainOutcome } from './drain.js';
import { registerHealthRoutes } from './health-routes.js';
import { serveMetrics, type ListenAddress, type MetricsServer } from './metrics-server.js';
import { databaseProbe, Readiness, type ReadinessProbe } from './readiness.js';
import { RelayMetrics, SQLITE_POOL, type MetricSources } from './relay-metrics.js';

export interface OpsOptions {
  /** Where `/metrics` is served (RELAY_METRICS_ADDRESS); without it there are no metrics at all. */
  metricsAddress?: ListenAddress;
  /** Checks besides the database's: the cluster bus, when one is configured. */
  probes?: ReadinessProbe[];
  /** The database pool and bus state; by default SQLite's single connection and the in-process bus. */
  sources?: Partial<MetricSources>;
}

/** What the relay's owner does with the ops side: drain before closing, and close it. */
export interface RelayOps {
  /** 'http://HOST:PORT/metrics', or null when metrics are off. */
  metricsUrl: string | null;
  drain(timeoutMs?: number): Promise<DrainOutcome>;
  close(): Promise<void>;
}

/**
 * Health, readiness, the drain and the metrics, attached to the relay's app before it listens.
 * The transports know nothing of it: it counts sockets on the WebSocket server, this node's commits
 * on the bus, and pushes and fan-outs through the sync hub's observer.
 */
export async function attachOps(app: FastifyInstance, core: RelayCore, syncHub: SyncHub, options: OpsOptions = {}): Promise<RelayOps> {
  const readiness = new Readiness([databaseProbe(() => core.store.check()), ...(options.probes ?? [])], (probe, error) =>
    core.reportError(`readiness check ${probe}`, error),
  );
  registerHealthRoutes(app, readiness);
  const drain = new HttpDrain(app, readiness);
  if (!options.metricsAddress) return { metricsUrl: null, drain: (timeoutMs) => drain.drain(timeoutMs), close: async () => undefined };

  const metrics = new RelayMetrics({ databasePool: () => SQLITE_POOL, busState: () => 'in_process', ...options.sources });
  metrics.countSockets(app.websocketServer);
  syncHub.observer = metrics;
  // Only this node's commits: in a cluster the bus also fans out other nodes', read from the log.
  const unsubscribe = core.bus.subscribeCommits((_tenantId, events) => metrics.committed(events));
  let server: MetricsServer;
  try {
    server = await serveMetrics(metrics.registry, options.metricsAddress, (error) => core.reportError('metrics', error));
  } catch (error) {
    unsubscribe();
    throw error;
  }
  return {
    metricsUrl: server.url,
    drain: (timeoutMs) => drain.drain(timeoutMs),
    async close() {
      unsubscribe();
      syncHub.observer = null;
      await server.close();
    },
  };
}
