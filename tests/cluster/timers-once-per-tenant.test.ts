import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../../src-node/testing/postgres-schema.js';
import { DEFAULT_CAPACITY } from '../../src-shared/domain/routing-score.js';
import type { RunningRelay } from '../../src-relay/server.js';
import { leaseKey } from '../../src-relay/storage/postgres/leases.js';
import { login } from '../../src-relay/testing/test-relay.js';
import { natsAvailable, TEST_NATS_URL } from '../support/nats.js';
import { waitFor } from '../support/wait.js';
import { LeaseTable } from './lease-table.js';
import { ready, RelayNodes, type Desk } from './relay-nodes.js';

const natsUp = await natsAvailable();
const postgresUp = await postgresAvailable();
const DRAIN_MS = 200;
const QUEUE_DRAINING = 'queue draining';

/** An administrator sets how many chats Ann may hold: stored at once, and no queue is drained for it. */
async function setAnnsChats(node: RunningRelay, chat: number): Promise<void> {
  const { token } = await login(node.url, 'root@acme.test');
  const response = await fetch(`${node.url}/api/admin/agents/ann/routing`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ capacity: { ...DEFAULT_CAPACITY, chat } }),
  });
  expect(response.status).toBe(204);
}

/**
 * A customer on `node` whose chat waits in team A's queue while Ann is signed in and available,
 * for she has no room for a chat; giving her room back (setAnnsChats) is acted on only by a drain
 * of the queue, unlike a sign-in or a presence change, which drain at once on their node.
 */
async function queuedWhileAnnIsFull(nodes: RelayNodes, node: RunningRelay, ann: Desk, name: string): Promise<() => { assigneeId: string | null }[]> {
  await setAnnsChats(node, 0);
  const { conversationId } = await nodes.customer(node, name);
  const upserts = () => ann.events.flatMap((e) => (e.data.type === 'conversation.upserted' && e.data.conversation.id === conversationId ? [e.data.conversation] : []));
  await ann.sees(`${name}'s queued conversation`, () => upserts().length > 0);
  return upserts;
}

/**
 * The wiring of the per-tenant timers to the leases, on two nodes that share one database and see
 * each other's desks. On SQLite (always-held leases) a shared table stands in for the advisory
 * locks, whose own hand-over is tested in src-relay/storage/postgres/leases.test.ts; the
 * second suite below runs on PostgreSQL with the storage's own advisory leases. In
 * both, an outside holder takes the lease first, so the queue waits until a relay holds it.
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
    const outsider = leases.node('outsider');
    expect(await outsider.acquire(QUEUE_DRAINING, 'acme')).toBe(true);
    const a = await nodes.start({ natsUrl: TEST_NATS_URL, leases: leases.node('a'), queueDrainIntervalMs: DRAIN_MS });
    const b = await nodes.start({ natsUrl: TEST_NATS_URL, leases: leases.node('b'), queueDrainIntervalMs: DRAIN_MS });
    await waitFor('both nodes ready', async () => (await ready(a)) && (await ready(b)));

    const ann = await nodes.desk(b, 'ann@acme.test');
    const kim = await queuedWhileAnnIsFull(nodes, a, ann, 'Kim');
    await setAnnsChats(a, DEFAULT_CAPACITY.chat);
    const triedBefore = leases.tries.length;
    await waitFor('three more drain ticks on each node', () => {
      const since = leases.tries.slice(triedBefore).filter((t) => t.purpose === QUEUE_DRAINING);
      return since.filter((t) => t.node === 'a').length >= 3 && since.filter((t) => t.node === 'b').length >= 3;
    });
    await ann.take();
    // Ann has room and both nodes see her, yet neither drains: the lease is the outsider's.
    expect(kim().map((c) => c.assigneeId)).toEqual([null]);
    const drains = () => leases.tries.filter((t) => t.purpose === QUEUE_DRAINING && t.tenantId === 'acme' && t.node !== 'outsider');
    expect(drains().some((t) => t.held)).toBe(false);

    const releasedAt = Date.now();
    await outsider.release(QUEUE_DRAINING, 'acme');
    await ann.sees('Kim handed to Ann by the node that took the lease', () => kim().some((c) => c.assigneeId === 'ann'));
    expect(Date.now() - releasedAt).toBeLessThan(2 * DRAIN_MS + 500);
    const holderName = leases.holder(QUEUE_DRAINING, 'acme');
    expect(['a', 'b']).toContain(holderName);
    const [holder, other, otherName] = holderName === 'a' ? [a, b, 'b'] : [b, a, 'a'];
    const heldBy = (node: string) => drains().filter((t) => t.node === node && t.held);
    expect(heldBy(otherName)).toEqual([]);

    // Ann keeps a desk on the node that stays (signing in there drains nothing: Kim is hers).
    const annOnOther = other === b ? ann : await nodes.desk(other, 'ann@acme.test');
    // Lea waits while the holder runs; Ann has room again only once the holder has stopped.
    const lea = await queuedWhileAnnIsFull(nodes, other, annOnOther, 'Lea');
    const stoppedAt = Date.now();
    await nodes.stop(holder);
    expect(leases.holder(QUEUE_DRAINING, 'acme')).toBeUndefined();
    await setAnnsChats(other, DEFAULT_CAPACITY.chat);
    await annOnOther.sees(`Lea handed to Ann by ${otherName}`, () => lea().some((c) => c.assigneeId === 'ann'));
    expect(Date.now() - stoppedAt).toBeLessThan(2 * DRAIN_MS + 500);
    expect(leases.holder(QUEUE_DRAINING, 'acme')).toBe(otherName);
  });
});

/**
 * The same with the storage's own leases: PostgreSQL's advisory locks, whatever the other
 * suites run on. The outside holder is a session of its own on the lease's lock, as a relay's lease
 * session would be; ending it frees the lock at once, as a stopped or dead node's does.
 */
describe.skipIf(!natsUp || !postgresUp)("each tenant's timers under PostgreSQL's advisory leases", () => {
  let nodes: RelayNodes;
  let outsider: pg.Client | null = null;
  beforeEach(async () => {
    nodes = new RelayNodes();
    await nodes.seed('postgres');
  });
  afterEach(async () => {
    await outsider?.end();
    outsider = null;
    await nodes.close();
  });

  it('drains a queue only on a node holding the lease, and on one of the others once the holder stops', async () => {
    const holder = new pg.Client({ connectionString: nodes.dbPath });
    outsider = holder;
    await holder.connect();
    // The relays' scope is their schema (postgres-storage.ts), which this session shares.
    const scope = (await holder.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]?.schema ?? 'public';
    const taken = await holder.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS taken', [leaseKey(scope, QUEUE_DRAINING, 'acme')]);
    expect(taken.rows[0]?.taken).toBe(true);
    const a = await nodes.start({ natsUrl: TEST_NATS_URL, queueDrainIntervalMs: DRAIN_MS });
    const b = await nodes.start({ natsUrl: TEST_NATS_URL, queueDrainIntervalMs: DRAIN_MS });
    await waitFor('both nodes ready', async () => (await ready(a)) && (await ready(b)));

    const ann = await nodes.desk(b, 'ann@acme.test');
    const kim = await queuedWhileAnnIsFull(nodes, a, ann, 'Kim');
    await setAnnsChats(a, DEFAULT_CAPACITY.chat);
    // Several ticks of each node: both try, and the lease is the outsider's.
    await new Promise((resolve) => setTimeout(resolve, 5 * DRAIN_MS));
    await ann.take();
    expect(kim().map((c) => c.assigneeId)).toEqual([null]);

    const stoppedAt = Date.now();
    outsider = null;
    await holder.end();
    await ann.sees('Kim handed to Ann by the node that took the lease', () => kim().some((c) => c.assigneeId === 'ann'));
    expect(Date.now() - stoppedAt).toBeLessThan(2 * DRAIN_MS + 1_000);
  });
});
