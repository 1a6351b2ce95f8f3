import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../../src-node/testing/postgres-schema.js';
import { natsAvailable, TEST_NATS_URL } from '../support/nats.js';
import { waitFor } from '../support/wait.js';
import { LeaseTable } from './lease-table.js';
import { ready, RelayNodes } from './relay-nodes.js';

const natsUp = await natsAvailable();
const postgresUp = await postgresAvailable();
const DRAIN_MS = 200;
const QUEUE_DRAINING = 'queue draining';

/**
 * The wiring of the per-tenant timers to the leases, on two nodes that share one database. On
 * SQLite (always-held leases) a shared table stands in for the advisory locks, whose own hand-over
 * is tested in src-relay/storage/postgres/leases.test.ts; the second suite below runs on
 * PostgreSQL with the storage's own advisory leases.
 */
describe.skipIf(!natsUp)("each tenant's timers run on one node of the cluster", () => {
  let nodes: RelayNodes;
  beforeEach(async () => {
    nodes = new RelayNodes();
    await nodes.seed();
  });
  afterEach(async () => {
    await nodes.close();
  });

  it("drains a tenant's queue only on the node holding its lease, and on the other within a tick of that node stopping", async () => {
    const leases = new LeaseTable();
    const a = await nodes.start({ natsUrl: TEST_NATS_URL, leases: leases.node('a'), queueDrainIntervalMs: DRAIN_MS });
    await waitFor('A holds the lease', () => leases.holder(QUEUE_DRAINING, 'acme') === 'a');
    const b = await nodes.start({ natsUrl: TEST_NATS_URL, leases: leases.node('b'), queueDrainIntervalMs: DRAIN_MS });
    await waitFor('both nodes ready', async () => (await ready(a)) && (await ready(b)));

    // Ann is available on B only, so A's routing cannot see her: only B's drain would give her the chat.
    const ann = await nodes.desk(b, 'ann@acme.test');
    const { conversationId } = await nodes.customer(a, 'Kim');
    const upserts = () => ann.events.flatMap((e) => (e.data.type === 'conversation.upserted' && e.data.conversation.id === conversationId ? [e.data.conversation] : []));
    await ann.sees('the queued conversation', () => upserts().length > 0);
    const triedBefore = leases.tries.length;
    await waitFor('three more drain ticks on each node', () => {
      const since = leases.tries.slice(triedBefore).filter((t) => t.purpose === QUEUE_DRAINING);
      return since.filter((t) => t.node === 'a').length >= 3 && since.filter((t) => t.node === 'b').length >= 3;
    });
    await ann.take();
    expect(upserts().map((c) => c.assigneeId)).toEqual([null]);
    const drains = leases.tries.filter((t) => t.purpose === QUEUE_DRAINING && t.tenantId === 'acme');
    expect(drains.filter((t) => t.node === 'a').every((t) => t.held)).toBe(true);
    expect(drains.filter((t) => t.node === 'b').some((t) => t.held)).toBe(false);

    const stoppedAt = Date.now();
    await nodes.stop(a);
    expect(leases.holder(QUEUE_DRAINING, 'acme')).toBeUndefined();
    await ann.sees('the conversation handed to Ann by B', () => upserts().some((c) => c.assigneeId === 'ann'));
    expect(Date.now() - stoppedAt).toBeLessThan(2 * DRAIN_MS + 500);
    expect(leases.holder(QUEUE_DRAINING, 'acme')).toBe('b');
  });
});

/** The same with the storage's own leases: PostgreSQL's advisory locks, whatever the other suites run on. */
describe.skipIf(!natsUp || !postgresUp)("each tenant's timers under PostgreSQL's advisory leases", () => {
  let nodes: RelayNodes;
  beforeEach(async () => {
    nodes = new RelayNodes();
    await nodes.seed('postgres');
  });
  afterEach(async () => {
    await nodes.close();
  });

  it('drains a queue on the node that took the lease first, and on the other once that node stops', async () => {
    const a = await nodes.start({ natsUrl: TEST_NATS_URL, queueDrainIntervalMs: DRAIN_MS });
    // A's first ticks take every lease of the tenant before B exists.
    await new Promise((resolve) => setTimeout(resolve, 3 * DRAIN_MS));
    const b = await nodes.start({ natsUrl: TEST_NATS_URL, queueDrainIntervalMs: DRAIN_MS });
    await waitFor('both nodes ready', async () => (await ready(a)) && (await ready(b)));

    const ann = await nodes.desk(b, 'ann@acme.test');
    const { conversationId } = await nodes.customer(a, 'Kim');
    const upserts = () => ann.events.flatMap((e) => (e.data.type === 'conversation.upserted' && e.data.conversation.id === conversationId ? [e.data.conversation] : []));
    await ann.sees('the queued conversation', () => upserts().length > 0);
    // Several of B's ticks: it tries, and the lease is A's; A drains, and cannot see Ann.
    await new Promise((resolve) => setTimeout(resolve, 4 * DRAIN_MS));
    await ann.take();
    expect(upserts().map((c) => c.assigneeId)).toEqual([null]);

    const stoppedAt = Date.now();
    await nodes.stop(a);
    await ann.sees('the conversation handed to Ann by B', () => upserts().some((c) => c.assigneeId === 'ann'));
    expect(Date.now() - stoppedAt).toBeLessThan(2 * DRAIN_MS + 1_000);
  });
});
