import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RelayProcess } from '../fault/support/relay-process.js';
import { waitFor } from '../support/wait.js';
import { leaseHolderPids } from './support/lease-holders.js';
import { ChatLoad } from './support/chat-load.js';
import { ownServicesAvailable, startOwnServices } from './support/own-services.js';
import { ProcessCluster } from './support/process-cluster.js';

// Started here, once for the file, so that a failure to start skips (or, under CI, fails) the suite.
const services = ownServicesAvailable() ? await startOwnServices() : null;
/** The CLI's offer expiry tick: a node takes a free lease on its next tick. */
const OFFER_TICK_MS = 2_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ready(node: RelayProcess): Promise<boolean> {
  return (await fetch(`${node.url}/readyz`).catch(() => null))?.status === 200;
}

/**
 * Three relay processes (the CLI) on the suite's own PostgreSQL and NATS, which it kills and
 * restarts; desks and customer pages in this process, each through a balancer preferring one node.
 */
// Each test waits on real processes restarting; under a full `npm test` on two cores that takes a while.
describe.skipIf(!services)('the relay as three processes on PostgreSQL and NATS', { timeout: 90_000 }, () => {
  const { postgres, nats } = services ?? { postgres: null, nats: null };
  let cluster: ProcessCluster;

  afterAll(async () => {
    await nats?.stop();
    await postgres?.stop();
  });
  beforeEach(async () => {
    cluster = new ProcessCluster(postgres!, nats!);
    await cluster.start();
  }, 60_000);
  afterEach(async () => {
    await cluster.close();
  });

  it('carries a conversation from a customer on node A to an agent on node B and back', async () => {
    const mei = await cluster.desk('mei@demo.test', 1);
    expect(mei.balancer.lastNode).toBe(cluster.ports[1]);
    const customer = await cluster.customer('Li Wei', 'zh-CN', 0);
    expect(cluster.balancers.at(-1)!.lastNode).toBe(cluster.ports[0]);
    customer.send('你好, node A here');
    await waitFor('the conversation at Mei on node B', () => mei.workstation.snapshot().messages.some((m) => m.body === '你好, node A here'), 20_000);
    const conversationId = customer.conversationId!;
    await mei.workstation.handlers['conversations.reply']({ conversationId, body: 'Hello from node B' });
    await waitFor('the reply at the customer on node A', () => customer.fromAgents().some((m) => m.body === 'Hello from node B'), 20_000);
  });

  it('loses nothing acknowledged when a node is killed under load, and every desk moves to another node', async () => {
    const load = await ChatLoad.start(cluster);
    try {
      await sleep(1_500);
      load.customersUp = false;
      await cluster.nodes[1]!.kill(); // Mei's node, and Nok's page
      await load.reconnectCustomersOf(1);
      load.customersUp = true;
      await sleep(1_500);
    } finally {
      await load.stop();
    }
    const mei = load.agents.find((a) => a.email === 'mei@demo.test')!;
    expect(mei.balancer.lastNode).not.toBe(cluster.ports[1]);
    await load.check();
  });

  it('converges after NATS restarts under load', async () => {
    const load = await ChatLoad.start(cluster);
    try {
      await sleep(1_000);
      await nats!.restart(1_000);
      await sleep(1_500);
    } finally {
      await load.stop();
    }
    await waitFor('every node back on the bus', async () => (await Promise.all(cluster.nodes.map(ready))).every(Boolean), 10_000);
    await load.check();
  });

  it('loses nothing acknowledged when PostgreSQL restarts under load', async () => {
    const load = await ChatLoad.start(cluster);
    try {
      await sleep(1_000);
      await postgres!.restart();
      await sleep(2_000);
    } finally {
      await load.stop();
    }
    // Some push met the restart and was refused as retryable (the socket closes 1013); none failed otherwise.
    const reported = load.agents.flatMap((a) => a.log).filter((line) => line.startsWith('The relay reported'));
    expect(reported.some((line) => line.includes('Reconnecting will retry it'))).toBe(true);
    expect(reported.filter((line) => !line.includes('Reconnecting will retry it'))).toEqual([]);
    expect(cluster.nodes.map((node) => node.dead)).toEqual([false, false, false]);
    await load.check();
  });

  it("runs a tenant's offer expiry on exactly one node, and on another within the lease time after a kill -9", async () => {
    const holders = async () => {
      const pids = await leaseHolderPids(cluster.databaseUrl, 'offer expiry', 'demo');
      return pids.map((pid) => cluster.nodes.findIndex((node) => node.pid === pid && !node.dead));
    };
    await waitFor('a node to hold the lease', async () => (await holders()).length > 0, 3 * OFFER_TICK_MS);
    const samples: number[][] = [];
    for (let i = 0; i < 4; i++) {
      samples.push(await holders());
      await sleep(OFFER_TICK_MS / 2);
    }
    const first = samples[0]![0]!;
    expect(first).toBeGreaterThanOrEqual(0);
    expect(samples).toEqual(samples.map(() => [first]));

    const killedAt = Date.now();
    await cluster.nodes[first]!.kill();
    // PostgreSQL frees a dead session's locks at once; a live node takes the lease on its next tick.
    const next = await waitFor(
      'another node to hold the lease',
      async () => {
        const now = await holders();
        return now.length === 1 && now[0]! >= 0 ? { node: now[0]! } : undefined;
      },
      4 * OFFER_TICK_MS,
    );
    expect(next.node).not.toBe(first);
    expect(Date.now() - killedAt).toBeLessThan(2 * OFFER_TICK_MS + 2_000);
  });
});
