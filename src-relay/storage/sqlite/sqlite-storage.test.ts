import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Tenant } from '../port/accounts.js';
import type { RelayStorage } from '../port/relay-storage.js';
import { openRelayStorage } from '../open-relay-storage.js';
import { openSqliteStorage } from './sqlite-storage.js';

const ACME: Tenant = { id: 'acme', name: 'Acme' };
const GLOBEX: Tenant = { id: 'globex', name: 'Globex' };

/** The adapter's transactions over its one connection: in turn, all or nothing, and never waiting for themselves. */
describe('the SQLite storage', () => {
  let storage: RelayStorage;

  beforeEach(() => {
    storage = openSqliteStorage(':memory:');
  });
  afterEach(() => storage.close());

  it('commits what the work wrote when it resolves, and nothing when it rejects', async () => {
    await storage.transaction((tx) => tx.accounts.insertTenant(ACME, 1));
    await expect(
      storage.transaction(async (tx) => {
        await tx.accounts.insertTenant(GLOBEX, 2);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await storage.accounts.listTenants()).toEqual([ACME]);
  });

  it('runs transactions one after another, each whole, however their work interleaves', async () => {
    const order: string[] = [];
    const slow = storage.transaction(async (tx) => {
      order.push('first begins');
      await tx.accounts.insertTenant(ACME, 1);
      // Real waiting, not just a resolved promise: the second transaction has every chance to cut in.
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('first ends');
    });
    const quick = storage.transaction(async (tx) => {
      order.push('second begins');
      await tx.accounts.insertTenant(GLOBEX, 2);
    });
    await Promise.all([slow, quick]);
    expect(order).toEqual(['first begins', 'first ends', 'second begins']);
  });

  it('lets a statement outside the transaction see nothing of it, even while it waits on the same connection', async () => {
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    // Other work, started before the transaction: it reads while the transaction is open.
    const outside = (async () => {
      await open;
      return storage.accounts.listTenants();
    })();
    const writing = storage.transaction(async (tx) => {
      await tx.accounts.insertTenant(ACME, 1);
      opened();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await tx.accounts.listTenants()).toEqual([ACME]);
      throw new Error('rolled back');
    });
    await expect(writing).rejects.toThrow('rolled back');
    expect(await outside).toEqual([]);
  });

  it('refuses, instead of waiting forever, the top-level storage or a new transaction from inside a transaction', async () => {
    await expect(storage.transaction(() => storage.accounts.listTenants())).rejects.toThrow(/Inside a transaction, the top-level storage was called/);
    await expect(storage.transaction(() => storage.transaction((tx) => tx.accounts.listTenants()))).rejects.toThrow(/Inside a transaction, a transaction was opened/);
    // The refusals rolled back and freed the connection.
    await storage.transaction((tx) => tx.accounts.insertTenant(ACME, 1));
    expect(await storage.accounts.countTenants()).toBe(1);
  });

  it("refuses the transaction's repositories once it is over", async () => {
    let kept: Parameters<Parameters<RelayStorage['transaction']>[0]>[0] | null = null;
    await storage.transaction(async (tx) => {
      kept = tx;
    });
    await expect(kept!.accounts.listTenants()).rejects.toThrow(/transaction is over/);
  });

  it('turns a failing statement into a rejected promise', async () => {
    await storage.transaction((tx) => tx.accounts.insertTenant(ACME, 1));
    await expect(storage.accounts.insertTenant(ACME, 2)).rejects.toThrow(/UNIQUE/);
  });

  it('waits for the work under way before it closes', async () => {
    const writing = storage.transaction(async (tx) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.accounts.insertTenant(ACME, 1);
    });
    const closing = storage.close();
    await expect(writing).resolves.toBeUndefined();
    await closing;
    await expect(storage.accounts.listTenants()).rejects.toThrow(/not open/);
    storage = openSqliteStorage(':memory:');
  });
});

describe('openRelayStorage', () => {
  // A postgres:// URL opens the PostgreSQL adapter: storage/postgres/postgres-storage.test.ts.
  it('opens SQLite for a path', async () => {
    const sqlite = await openRelayStorage(':memory:');
    expect(await sqlite.accounts.countTenants()).toBe(0);
    await sqlite.close();
  });
});
