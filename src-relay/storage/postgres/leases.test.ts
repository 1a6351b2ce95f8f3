import { randomBytes } from 'node:crypto';
import { connect, createServer, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestSchema, postgresAvailable, TEST_DATABASE_URL, type TestSchema } from '../../../src-node/testing/postgres-schema.js';
import type { Leases } from '../port/leases.js';
import { advisoryLeases, leaseKey } from './leases.js';
import { singleNodeLeases } from '../sqlite/single-node-leases.js';

const RETRY_MS = 200;

/** A TCP relay to PostgreSQL that can go silent, as a cut network does: nothing passes, nothing closes. */
async function partitionable(target: URL): Promise<{ url: string; cut(): void; close(): Promise<void> }> {
  let cut = false;
  const sockets = new Set<Socket>();
  const server = createServer((near) => {
    const far = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [near, far]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => (near.destroy(), far.destroy()));
    }
    near.on('data', (chunk) => void (cut || far.write(chunk)));
    far.on('data', (chunk) => void (cut || near.write(chunk)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.toString(),
    cut: () => void (cut = true),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('leaseKey', () => {
  it('is a signed 64-bit key, one per scope, purpose and tenant', () => {
    const key = BigInt(leaseKey('relay', 'sla', 't1'));
    expect(key).toBe(BigInt.asIntN(64, key));
    expect(leaseKey('relay', 'sla', 't1')).toBe(key.toString());
    expect(new Set([leaseKey('relay', 'sla', 't1'), leaseKey('relay', 'sla', 't2'), leaseKey('relay', 'offers', 't1'), leaseKey('other', 'sla', 't1')]).size).toBe(4);
  });
});

describe('singleNodeLeases', () => {
  it('always holds: a relay alone runs every timer', async () => {
    const leases = singleNodeLeases();
    expect(await leases.acquire('sla', 't1')).toBe(true);
    expect(leases.held('offers', 't2')).toBe(true);
  });
});

describe.skipIf(!(await postgresAvailable()))('advisory leases', () => {
  let schema: TestSchema;
  let run: string;
  let nodes: Leases[];
  const node = (name: string) => {
    const leases = advisoryLeases({ database: { ...schema.settings, applicationName: `lease_${run}_${name}` }, scope: schema.name });
    nodes.push(leases);
    return leases;
  };

  beforeEach(async () => {
    schema = await createTestSchema();
    run = randomBytes(4).toString('hex');
    nodes = [];
  });
  afterEach(async () => {
    await Promise.all(nodes.map((leases) => leases.close()));
    await schema.drop();
  });

  /** Ends a node's lease session from another connection, as PostgreSQL would for a node that vanished; returns when the session is gone. */
  async function terminate(name: string): Promise<void> {
    const { rows } = await schema.pool.query<{ ended: boolean }>('SELECT pg_terminate_backend(pid, 5000) AS ended FROM pg_stat_activity WHERE application_name = $1', [
      `lease_${run}_${name}`,
    ]);
    expect(rows).toEqual([{ ended: true }]);
  }

  it('lets exactly one of two nodes hold each lease, and keep it, however they race', async () => {
    const [a, b] = [node('a'), node('b')];
    const tenants = Array.from({ length: 20 }, (_, i) => `t${i}`);
    const tries = await Promise.all(tenants.flatMap((t) => [a.acquire('sla', t), b.acquire('sla', t)]));
    for (const [i, t] of tenants.entries()) {
      expect([tries[2 * i], tries[2 * i + 1]].filter(Boolean), t).toHaveLength(1);
      expect(a.held('sla', t)).not.toBe(b.held('sla', t));
    }
    // The holder keeps answering true, the other false; another purpose is another lease.
    const holder = a.held('sla', 't0') ? a : b;
    const other = holder === a ? b : a;
    expect([await holder.acquire('sla', 't0'), await other.acquire('sla', 't0'), await holder.acquire('sla', 't0')]).toEqual([true, false, true]);
    expect(await other.acquire('offers', 't0')).toBe(true);
  });

  it('hands a released lease to the next node that tries, and only once however often the holder tried', async () => {
    const [a, b] = [node('a'), node('b')];
    expect(await a.acquire('sla', 't1')).toBe(true);
    expect(await a.acquire('sla', 't1')).toBe(true);
    await Promise.all([a.acquire('sla', 't1'), a.acquire('sla', 't1')]);
    await a.release('sla', 't1');
    expect(a.held('sla', 't1')).toBe(false);
    expect(await b.acquire('sla', 't1')).toBe(true);
    expect(await a.acquire('sla', 't1')).toBe(false);
    await b.close();
    expect(await a.acquire('sla', 't1')).toBe(true);
  });

  it("lets another node take over within one retry period when the holder's session dies", async () => {
    const [a, b] = [node('a'), node('b')];
    expect(await a.acquire('sla', 't1')).toBe(true);
    // b's timer tries on every tick; each tick records when it started and what it got.
    const ticks: { startedAt: number; holds: boolean }[] = [];
    const timer = setInterval(() => {
      const startedAt = performance.now();
      void b.acquire('sla', 't1').then((holds) => ticks.push({ startedAt, holds }));
    }, RETRY_MS);
    try {
      await vi.waitFor(() => expect(ticks.length).toBeGreaterThanOrEqual(2), { timeout: 5 * RETRY_MS });
      expect(ticks.every((tick) => !tick.holds)).toBe(true);

      await terminate('a');
      const endedAt = performance.now();
      // The first tick that starts after the holder's session ended takes the lease: within one retry period.
      await vi.waitFor(() => expect(ticks.some((tick) => tick.startedAt > endedAt)).toBe(true), { timeout: 5 * RETRY_MS });
      const firstAfter = ticks.find((tick) => tick.startedAt > endedAt)!;
      expect(firstAfter.holds).toBe(true);
    } finally {
      clearInterval(timer);
    }
    // PostgreSQL tells the ended session why, so the old holder forgets its lease; its next try, on a new session, finds it taken.
    await vi.waitFor(() => expect(a.held('sla', 't1')).toBe(false), { timeout: 2_000 });
    expect(await a.acquire('sla', 't1')).toBe(false);
    expect(b.held('sla', 't1')).toBe(true);
  });

  it('gives its leases up within seconds when the database stops answering, as over a cut network', async () => {
    const network = await partitionable(new URL(TEST_DATABASE_URL));
    try {
      const a = advisoryLeases({ database: { ...schema.settings, url: network.url }, scope: schema.name });
      nodes.push(a);
      expect(await a.acquire('sla', 't1')).toBe(true);
      network.cut();
      // Believed for a second; then the session is asked, and its silence ends the lease within the probe's timeout.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const startedAt = performance.now();
      await expect(a.acquire('sla', 't1')).rejects.toThrow(/timeout/i);
      expect(performance.now() - startedAt).toBeLessThan(5_000);
      expect(a.held('sla', 't1')).toBe(false);
    } finally {
      await network.close();
    }
  });
});
