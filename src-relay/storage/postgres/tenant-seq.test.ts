import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../../src-node/postgres/migration.js';
import { createTestSchema, postgresAvailable, type TestSchema } from '../../../src-node/testing/postgres-schema.js';
import { POSTGRES_MIGRATIONS } from './migrations/index.js';
import { PendingEvents } from './pending-events.js';
import { beginHoldingTenant, committedHead, lockTenantLog } from './tenant-seq.js';

/** Whether `promise` is still pending after `ms`: a transaction waiting on a row lock. */
async function stillWaiting(promise: Promise<unknown>, ms = 150): Promise<boolean> {
  const waiting = Symbol('waiting');
  return (await Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(waiting), ms))])) === waiting;
}

const NOWHERE = { conversationId: null, teamId: null, assigneeId: null, previousTeamId: null, previousAssigneeId: null };

/** Each client's transaction's pending events, as the storage keeps them from BEGIN to COMMIT. */
const pendingOf = new Map<pg.ClientBase, PendingEvents>();
function pending(client: pg.ClientBase): PendingEvents {
  const events = pendingOf.get(client) ?? new PendingEvents(client);
  pendingOf.set(client, events);
  return events;
}

/** Logs `count` events for the tenant in the client's transaction; the first one's seq. */
async function takeSeqs(client: pg.ClientBase, tenantId: string, count: number): Promise<number> {
  const seqs: number[] = [];
  for (let i = 0; i < count; i++) seqs.push((await pending(client).append(tenantId, 0, NOWHERE, { type: 'conversation.erased', conversationId: 'c' })).seq);
  return seqs[0]!;
}

/** Ends the client's transaction as the storage does: the pending events and the head written, then COMMIT. */
async function commit(client: pg.ClientBase): Promise<void> {
  await pending(client).flush();
  pendingOf.delete(client);
  await client.query('COMMIT');
}

async function rollback(client: pg.ClientBase): Promise<void> {
  pendingOf.delete(client);
  await client.query('ROLLBACK');
}

describe.skipIf(!(await postgresAvailable()))('tenant seqs', () => {
  let schema: TestSchema;
  let a: pg.Client;
  let b: pg.Client;
  beforeEach(async () => {
    schema = await createTestSchema();
    await migratePostgres(schema.pool, POSTGRES_MIGRATIONS);
    await schema.pool.query("INSERT INTO tenants (id, name, created_at) VALUES ('t1', 'One', 0), ('t2', 'Two', 0)");
    [a, b] = await Promise.all([schema.session(), schema.session()]);
  });
  afterEach(async () => {
    await schema.drop();
  });

  it('hands out consecutive seqs from 1, and a rolled-back commit gives its seqs back', async () => {
    expect(await committedHead(schema.pool, 't1')).toBe(0);
    await a.query('BEGIN');
    expect(await takeSeqs(a, 't1', 3)).toBe(1);
    expect(await takeSeqs(a, 't1', 1)).toBe(4);
    await commit(a);
    expect(await committedHead(schema.pool, 't1')).toBe(4);
    await a.query('BEGIN');
    expect(await takeSeqs(a, 't1', 2)).toBe(5);
    await rollback(a);
    await a.query('BEGIN');
    expect(await takeSeqs(a, 't1', 1)).toBe(5);
    await commit(a);
    expect(await committedHead(schema.pool, 't1')).toBe(5);
  });

  it("makes another node's commit for the tenant wait until this one ends, then continue from its head", async () => {
    await a.query('BEGIN');
    await takeSeqs(a, 't1', 2);
    await b.query('BEGIN');
    const theirs = takeSeqs(b, 't1', 1);
    expect(await stillWaiting(theirs)).toBe(true);
    // Another tenant's commits do not wait.
    const other = await schema.session();
    await other.query('BEGIN');
    expect(await takeSeqs(other, 't2', 1)).toBe(1);
    await commit(other);
    await commit(a);
    expect(await theirs).toBe(3);
    await commit(b);
  });

  it("makes a new tenant's first two commits wait on each other too, and a rollback leave the next at 1", async () => {
    await a.query('BEGIN');
    await takeSeqs(a, 't1', 2);
    await b.query('BEGIN');
    const theirs = takeSeqs(b, 't1', 1);
    expect(await stillWaiting(theirs)).toBe(true);
    await rollback(a);
    expect(await theirs).toBe(1);
    await commit(b);
  });

  it('writes the events and the head in the commit, so a reader outside sees neither before it', async () => {
    await a.query('BEGIN');
    await takeSeqs(a, 't1', 2);
    await pending(a).flush();
    const outside = async () => (await schema.pool.query<{ n: number }>("SELECT COUNT(*) AS n FROM events WHERE tenant_id = 't1'")).rows[0]!.n;
    expect([await outside(), await committedHead(schema.pool, 't1')]).toEqual([0, 0]);
    await commit(a);
    expect([await outside(), await committedHead(schema.pool, 't1')]).toEqual([2, 2]);
  });

  it('lets a commit hold the tenant from its first statement, so its rule reads what no other node is changing', async () => {
    // Before the tenant's first commit (no head row yet), and after it.
    for (const head of [0, 1]) {
      const next = head + 1;
      await a.query('BEGIN');
      const mine = await lockTenantLog(a, 't1');
      expect(mine).toBe(head);
      pending(a).holding('t1', mine);
      await b.query('BEGIN');
      const theirs = lockTenantLog(b, 't1');
      expect(await stillWaiting(theirs)).toBe(true);
      expect(await takeSeqs(a, 't1', 1)).toBe(next);
      await commit(a);
      expect(await theirs).toBe(next);
      pending(b).holding('t1', next);
      expect(await takeSeqs(b, 't1', 1)).toBe(next + 1);
      await rollback(b);
    }
  });

  it('begins holding the tenant in one round trip, whatever its id is made of', async () => {
    const tenantId = "o'brien; DROP TABLE events; --";
    await schema.pool.query("INSERT INTO tenants (id, name, created_at) VALUES ($1, 'Quoted', 0)", [tenantId]);
    for (const head of [0, 1]) {
      const mine = await beginHoldingTenant(a, 'BEGIN', tenantId);
      expect(mine).toBe(head);
      pending(a).holding(tenantId, mine);
      await b.query('BEGIN');
      const theirs = lockTenantLog(b, tenantId);
      expect(await stillWaiting(theirs)).toBe(true);
      expect(await takeSeqs(a, tenantId, 1)).toBe(head + 1);
      await commit(a);
      expect(await theirs).toBe(head + 1);
      await rollback(b);
    }
    expect(await committedHead(schema.pool, tenantId)).toBe(2);
  });
});
