import { DEFAULT_DRAIN_TIMEOUT_MS } from './drain.js';
import { parseListenAddress } from './metrics-server.js';
import type { OpsOptions } from './relay-ops.js';

export interface OpsSettings {
  ops: OpsOptions;
  drainTimeoutMs: number;
}

/**
 * RELAY_METRICS_ADDRESS (HOST:PORT, e.g. 127.0.0.1:9464; unset: no /metrics) and
 * RELAY_DRAIN_TIMEOUT_MS (how long running requests may finish after SIGTERM; default 10000).
 */
export function opsSettingsFromEnv(env: NodeJS.ProcessEnv): OpsSettings {
  const drainTimeoutMs = Number(env.RELAY_DRAIN_TIMEOUT_MS ?? DEFAULT_DRAIN_TIMEOUT_MS);
  if (!Number.isInteger(drainTimeoutMs) || drainTimeoutMs < 0) {
    throw new Error(`RELAY_DRAIN_TIMEOUT_MS must be a whole number of milliseconds, not "${env.RELAY_DRAIN_TIMEOUT_MS}".`);
  }
  const address = env.RELAY_METRICS_ADDRESS;
  return { ops: address ? { metricsAddress: parseListenAddress(address, 'RELAY_METRICS_ADDRESS') } : {}, drainTimeoutMs };
}
