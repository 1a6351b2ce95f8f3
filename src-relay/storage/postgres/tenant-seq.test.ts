import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../../src-node/postgres/migration.js';
import { createTestSchema, postgresAvailable, type TestSchema } from '../../../src-node/testing/postgres-schema.js';
import { POSTGRES_MIGRATIONS } from './migrations/index.js';
import { committedHead, lockTenantLog, takeSeqs } from './tenant-seq.js';

/** Whether `promise` is still pending after `ms`: a transaction waiting on a row lock. */
async function stillWaiting(promise: Promise<unknown>, ms = 150): Promise<boolean> {
  const waiting = Symbol('waiting');
  return (await Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(waiting), ms))])) === waiting;
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
    await a.query('COMMIT');
    expect(await committedHead(schema.pool, 't1')).toBe(4);
    await a.query('BEGIN');
    expect(await takeSeqs(a, 't1', 2)).toBe(5);
    await a.query('ROLLBACK');
    await a.query('BEGIN');
    expect(await takeSeqs(a, 't1', 1)).toBe(5);
    await a.query('COMMIT');
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
    await other.query('COMMIT');
    await a.query('COMMIT');
    expect(await theirs).toBe(3);
    await b.query('COMMIT');
  });

  it("makes a new tenant's first two commits wait on each other too, and a rollback leave the next at 1", async () => {
    await a.query('BEGIN');
    await takeSeqs(a, 't1', 2);
    await b.query('BEGIN');
    const theirs = takeSeqs(b, 't1', 1);
    expect(await stillWaiting(theirs)).toBe(true);
    await a.query('ROLLBACK');
    expect(await theirs).toBe(1);
    await b.query('COMMIT');
  });

  it('lets a commit hold the tenant from its first statement, so its rule reads what no other node is changing', async () => {
    // Before the tenant's first commit (no head row yet), and after it.
    for (const head of [0, 1]) {
      const next = head + 1;
      await a.query('BEGIN');
      expect(await lockTenantLog(a, 't1')).toBe(head);
      await b.query('BEGIN');
      const theirs = lockTenantLog(b, 't1');
      expect(await stillWaiting(theirs)).toBe(true);
      expect(await takeSeqs(a, 't1', 1)).toBe(next);
      await a.query('COMMIT');
      expect(await theirs).toBe(next);
      expect(await takeSeqs(b, 't1', 1)).toBe(next + 1);
      await b.query('ROLLBACK');
    }
  });

  it('takes at least one seq, in whole numbers', async () => {
    await expect(takeSeqs(a, 't1', 0)).rejects.toThrow(RangeError);
    await expect(takeSeqs(a, 't1', 1.5)).rejects.toThrow(RangeError);
  });
});
