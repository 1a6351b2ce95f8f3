import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait.js';
import { OwnNats, OwnPostgres, ownServicesAvailable } from './support/own-services.js';
import { ProcessCluster } from './support/process-cluster.js';

const available = ownServicesAvailable();

/** Three relay processes on the suite's own PostgreSQL and NATS, which it may kill and restart. */
describe.skipIf(!available)('the relay as three processes on PostgreSQL and NATS', () => {
  let postgres: OwnPostgres | null = null;
  let nats: OwnNats | null = null;
  let cluster: ProcessCluster;

  beforeAll(async () => {
    try {
      postgres = await OwnPostgres.start();
      nats = await OwnNats.start();
    } catch (error) {
      await nats?.stop();
      await postgres?.stop();
      throw error;
    }
  });
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
    customer.send('你好, node A here');
    await waitFor('the conversation at Mei on node B', () => mei.workstation.snapshot().messages.some((m) => m.body === '你好, node A here'), 20_000);
    const conversationId = customer.conversationId!;
    await mei.workstation.handlers['conversations.reply']({ conversationId, body: 'Hello from node B' });
    await waitFor('the reply at the customer on node A', () => customer.fromAgents().some((m) => m.body === 'Hello from node B'), 20_000);
  });
});
