import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../storage/port/events.js';
import { parseListenAddress } from './metrics-server.js';
import { RelayMetrics, SQLITE_POOL } from './relay-metrics.js';

const event = (seq: number, at: number): LoggedEvent => ({
  tenantId: 't1',
  seq,
  at,
  conversationId: null,
  teamId: null,
  assigneeId: null,
  previousTeamId: null,
  previousAssigneeId: null,
  data: { type: 'conversation.erased', conversationId: 'c1' },
});

/** The value of one sample line, e.g. `relay_bus_state{state="connected"}`. */
async function sample(metrics: RelayMetrics, line: string): Promise<number | undefined> {
  const text = await metrics.registry.metrics();
  const found = text.split('\n').find((row) => row.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe('relay metrics', () => {
  it('counts pushes and their mutations by outcome', async () => {
    const metrics = new RelayMetrics({ databasePool: () => SQLITE_POOL, busState: () => 'in_process' });
    metrics.pushed(3, 1);
    metrics.pushed(2, 0);
    expect(await sample(metrics, 'relay_sync_pushes_total')).toBe(2);
    expect(await sample(metrics, 'relay_sync_mutations_total{outcome="accepted"}')).toBe(4);
    expect(await sample(metrics, 'relay_sync_mutations_total{outcome="refused"}')).toBe(1);
  });

  it('counts committed events and times each one from commit to send', async () => {
    const metrics = new RelayMetrics({ databasePool: () => SQLITE_POOL, busState: () => 'in_process' });
    metrics.committed([event(1, 1000), event(2, 1000)]);
    metrics.fannedOut([event(1, 1000), event(2, 1000)], 1004);
    metrics.fannedOut([event(3, 2000)], 2300);
    expect(await sample(metrics, 'relay_events_committed_total')).toBe(2);
    expect(await sample(metrics, 'relay_fanout_lag_seconds_count')).toBe(3);
    expect(await sample(metrics, 'relay_fanout_lag_seconds_bucket{le="0.005"}')).toBe(2);
    expect(await sample(metrics, 'relay_fanout_lag_seconds_bucket{le="0.25"}')).toBe(2);
    expect(await sample(metrics, 'relay_fanout_lag_seconds_bucket{le="0.5"}')).toBe(3);
  });

  it('reports the pool as the adapter sees it: SQLite has one connection and nothing else to say', async () => {
    const sqlite = new RelayMetrics({ databasePool: () => SQLITE_POOL, busState: () => 'in_process' });
    expect(await sample(sqlite, 'relay_database_pool_connections{state="total"}')).toBe(1);
    expect(await sample(sqlite, 'relay_database_pool_connections{state="idle"}')).toBeUndefined();
    const pooled = new RelayMetrics({ databasePool: () => ({ total: 10, idle: 7, waiting: 2 }), busState: () => 'in_process' });
    expect(await sample(pooled, 'relay_database_pool_connections{state="idle"}')).toBe(7);
    expect(await sample(pooled, 'relay_database_pool_connections{state="waiting"}')).toBe(2);
  });

  it('shows the bus state as 1 for the current state and 0 for the others', async () => {
    let state: 'connected' | 'reconnecting' = 'connected';
    const metrics = new RelayMetrics({ databasePool: () => SQLITE_POOL, busState: () => state });
    expect(await sample(metrics, 'relay_bus_state{state="connected"}')).toBe(1);
    expect(await sample(metrics, 'relay_bus_state{state="reconnecting"}')).toBe(0);
    state = 'reconnecting';
    expect(await sample(metrics, 'relay_bus_state{state="connected"}')).toBe(0);
    expect(await sample(metrics, 'relay_bus_state{state="reconnecting"}')).toBe(1);
  });

  it('keeps its own registry, so two relays in one process do not collide', async () => {
    const first = new RelayMetrics({ databasePool: () => SQLITE_POOL, busState: () => 'in_process' });
    const second = new RelayMetrics({ databasePool: () => SQLITE_POOL, busState: () => 'in_process' });
    first.pushed(1, 0);
    expect(await sample(first, 'relay_sync_pushes_total')).toBe(1);
    expect(await sample(second, 'relay_sync_pushes_total')).toBe(0);
    expect(await sample(first, 'process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(0);
  });

  it('reads a listen address as HOST:PORT', () => {
    expect(parseListenAddress('127.0.0.1:9464', 'X')).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(parseListenAddress('[::1]:9464', 'X')).toEqual({ host: '::1', port: 9464 });
    expect(parseListenAddress('0.0.0.0:0', 'X')).toEqual({ host: '0.0.0.0', port: 0 });
    for (const bad of ['9464', ':9464', '127.0.0.1', 'host:99999', '::1:9464']) {
      expect(() => parseListenAddress(bad, 'RELAY_METRICS_ADDRESS')).toThrow(/RELAY_METRICS_ADDRESS must be HOST:PORT/);
    }
  });
});
