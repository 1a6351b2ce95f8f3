import { beforeEach, expect, it } from 'vitest';
import type { EventData } from '../../../src-shared/protocol/sync.js';
import type { RelayRepositories } from '../port/relay-storage.js';
import { describeStorage } from './adapters.js';
import { conversationOf, seedTenants } from './fixtures.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const NOWHERE = { conversationId: null, teamId: null, assigneeId: null, previousTeamId: null, previousAssigneeId: null };
const upserted = (id: string): EventData => ({ type: 'conversation.upserted', conversation: conversationOf(id) });

describeStorage('transactions', (storage) => {
  beforeEach(() => seedTenants(storage()));

  it('commit what the work wrote when it resolves, and nothing when it rejects', async () => {
    await storage().transaction((tx) => tx.conversations.insertConversation('acme', conversationOf('kept')), { tenantId: 'acme' });
    await expect(
      storage().transaction(async (tx) => {
        await tx.conversations.insertConversation('acme', conversationOf('dropped'));
        throw new Error('changed my mind');
      }, { tenantId: 'acme' }),
    ).rejects.toThrow('changed my mind');
    expect((await storage().conversations.listOfCustomer('acme', 'cust')).map((c) => c.id)).toEqual(['kept']);
  });

  it('roll back whole when a statement fails midway, and the storage goes on working', async () => {
    await expect(
      storage().transaction(async (tx) => {
        await tx.conversations.insertConversation('acme', conversationOf('first'));
        await tx.conversations.insertConversation('acme', conversationOf('first'));
      }),
    ).rejects.toThrow();
    expect(await storage().conversations.findConversation('acme', 'first')).toBeNull();
    await storage().transaction((tx) => tx.conversations.insertConversation('acme', conversationOf('first')));
    expect(await storage().conversations.findConversation('acme', 'first')).not.toBeNull();
  });

  it('show nothing of an open transaction to work outside it', async () => {
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const outside = (async () => {
      await open;
      return storage().conversations.findConversation('acme', 'c1');
    })();
    const writing = storage().transaction(async (tx) => {
      await tx.conversations.insertConversation('acme', conversationOf('c1'));
      opened();
      await pause(30);
      expect(await tx.conversations.findConversation('acme', 'c1')).not.toBeNull();
      throw new Error('rolled back');
    }, { tenantId: 'acme' });
    await expect(writing).rejects.toThrow('rolled back');
    expect(await outside).toBeNull();
  });

  it("run a tenant's transactions one at a time: of two that claim one conversation, exactly one wins", async () => {
    await storage().transaction((tx) => tx.conversations.insertConversation('acme', conversationOf('c1')), { tenantId: 'acme' });
    const claim = (agentId: string) =>
      storage().transaction(async (tx) => {
        const conversation = await tx.conversations.findConversation('acme', 'c1');
        if (!conversation || conversation.assigneeId !== null) return false;
        // Time for the other claim to read "unassigned" too, were the tenant not held.
        await pause(30);
        await tx.conversations.updateConversation({ ...conversation, assigneeId: agentId });
        return true;
      }, { tenantId: 'acme' });
    const outcomes = await Promise.all([claim('ann'), claim('al')]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect((await storage().conversations.findConversation('acme', 'c1'))?.assigneeId).toBe(outcomes[0] ? 'ann' : 'al');
  });

  it("group the tenant's transactions that waited: each sees those before it, and one that fails is undone alone", async () => {
    const logged = (tx: RelayRepositories, id: string) => tx.events.append('acme', 1, { ...NOWHERE, conversationId: id }, upserted(id));
    const write = (id: string, then?: (tx: RelayRepositories) => Promise<unknown>) =>
      storage().transaction(async (tx) => {
        await tx.conversations.insertConversation('acme', conversationOf(id));
        const { seq } = await logged(tx, id);
        await then?.(tx);
        return seq;
      }, { tenantId: 'acme' });
    // The first holds the tenant while the others queue up behind it, and so run as one group.
    const first = write('a', () => pause(50));
    const second = write('b');
    const failing = write('c', (tx) => tx.conversations.insertConversation('acme', conversationOf('a')));
    let sawSecond: boolean | null = null;
    const fourth = write('d', async (tx) => (sawSecond = (await tx.conversations.findConversation('acme', 'b')) !== null));

    await expect(failing).rejects.toThrow();
    expect(await Promise.all([first, second, fourth])).toEqual([1, 2, 3]);
    expect(sawSecond).toBe(true);
    expect(await storage().conversations.findConversation('acme', 'c')).toBeNull();
    expect((await storage().events.range('acme', 0, 10)).map((event) => event.conversationId)).toEqual(['a', 'b', 'd']);
    expect(await storage().events.headSeq('acme')).toBe(3);
  });

  it('name a tenant that does not exist without failing for it', async () => {
    expect(await storage().transaction(async (tx) => tx.accounts.findTenant('nobody'), { tenantId: 'nobody' })).toBeNull();
  });

  it('refuse, instead of waiting or reading outside, the top-level storage or a new transaction from inside one', async () => {
    await expect(storage().transaction(() => storage().accounts.listTenants())).rejects.toThrow(/Inside a transaction, the top-level storage was called/);
    await expect(storage().transaction(() => storage().transaction((tx) => tx.accounts.listTenants()))).rejects.toThrow(/Inside a transaction, a transaction was opened/);
    expect(await storage().accounts.countTenants()).toBe(2);
  });

  it("refuse the transaction's repositories once it is over", async () => {
    let kept: RelayRepositories | null = null;
    await storage().transaction(async (tx) => {
      kept = tx;
    });
    await expect(kept!.accounts.listTenants()).rejects.toThrow(/transaction is over/);
  });

  it('answer the health check, and report their pool and leases', async () => {
    await storage().check();
    expect(storage().pool().total).toBeGreaterThanOrEqual(1);
    expect(await storage().leases.acquire('pruning', 'acme')).toBe(true);
    expect(storage().leases.held('pruning', 'acme')).toBe(true);
  });
});
