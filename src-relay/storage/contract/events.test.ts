import { beforeEach, expect, it } from 'vitest';
import type { EventData } from '../../../src-shared/protocol/sync.js';
import type { EventPlacement } from '../port/events.js';
import { describeStorage } from './adapters.js';
import { conversationOf, seedTenants } from './fixtures.js';

const NOWHERE: EventPlacement = { conversationId: null, teamId: null, assigneeId: null, previousTeamId: null, previousAssigneeId: null };
const about = (conversationId: string): EventPlacement => ({ ...NOWHERE, conversationId, teamId: 'team-a' });
const upserted = (id: string): EventData => ({ type: 'conversation.upserted', conversation: conversationOf(id) });

describeStorage('the event log', (storage) => {
  beforeEach(() => seedTenants(storage()));

  /** One commit per entry: [at, placement] appended for the tenant. */
  const log = (tenantId: string, entries: [number, EventPlacement, EventData?][]) =>
    storage().transaction(async (tx) => {
      const seqs: number[] = [];
      for (const [at, placement, data] of entries) seqs.push((await tx.events.append(tenantId, at, placement, data ?? upserted(placement.conversationId ?? 'none'))).seq);
      return seqs;
    }, { tenantId });

  it('numbers each tenant 1, 2, 3... in commit order, and reads ranges back in order', async () => {
    expect(await log('acme', [[10, about('c1')], [11, about('c2')]])).toEqual([1, 2]);
    expect(await log('globex', [[12, NOWHERE]])).toEqual([1]);
    expect(await log('acme', [[13, NOWHERE]])).toEqual([3]);
    const { events } = storage();
    expect(await events.headSeq('acme')).toBe(3);
    expect(await events.headSeq('globex')).toBe(1);
    expect(await events.headSeq('nobody')).toBe(0);
    expect(await events.heads()).toEqual(new Map([['acme', 3], ['globex', 1]]));
    const range = await events.range('acme', 0, 3);
    expect(range.map((e) => [e.seq, e.at, e.conversationId])).toEqual([[1, 10, 'c1'], [2, 11, 'c2'], [3, 13, null]]);
    expect(range[0]).toEqual({ tenantId: 'acme', seq: 1, at: 10, ...about('c1'), data: upserted('c1') });
    expect((await events.range('acme', 1, 2)).map((e) => e.seq)).toEqual([2]);
    expect(await events.range('acme', 3, 10)).toEqual([]);
  });

  it('lists every tenant in the heads, at 0 before its first event', async () => {
    expect(await storage().events.heads()).toEqual(new Map([['acme', 0], ['globex', 0]]));
  });

  it('appends only inside a transaction', async () => {
    await expect(storage().events.append('acme', 1, NOWHERE, upserted('c1'))).rejects.toThrow(/inside the transaction/);
    expect(await storage().events.headSeq('acme')).toBe(0);
  });

  it('leaves neither rows nor seqs behind a transaction that rolls back', async () => {
    await log('acme', [[1, NOWHERE]]);
    await expect(
      storage().transaction(async (tx) => {
        await tx.conversations.insertConversation('acme', conversationOf('c1'));
        await tx.events.append('acme', 2, about('c1'), upserted('c1'));
        await tx.events.append('acme', 2, about('c1'), upserted('c1'));
        expect(await tx.events.headSeq('acme')).toBe(3);
        throw new Error('refused');
      }, { tenantId: 'acme' }),
    ).rejects.toThrow('refused');
    const { events, conversations } = storage();
    expect(await events.headSeq('acme')).toBe(1);
    expect(await events.heads()).toEqual(new Map([['acme', 1], ['globex', 0]]));
    expect(await conversations.findConversation('acme', 'c1')).toBeNull();
    expect(await log('acme', [[3, NOWHERE]])).toEqual([2]);
    expect((await events.range('acme', 0, 10)).map((e) => [e.seq, e.at])).toEqual([[1, 1], [2, 3]]);
  });

  it('prunes what was logged before a time, never the newest event, keeping the numbering', async () => {
    await log('acme', [[10, NOWHERE], [20, NOWHERE], [30, NOWHERE]]);
    const { events } = storage();
    expect(await events.floorSeq('acme')).toBe(0);
    const prune = (before: number) => storage().transaction((tx) => tx.events.prune('acme', before), { tenantId: 'acme' });
    expect(await prune(5)).toBe(0);
    expect(await prune(25)).toBe(2);
    expect(await events.floorSeq('acme')).toBe(2);
    expect((await events.range('acme', 0, 3)).map((e) => e.seq)).toEqual([3]);
    // Everything is old: the newest event stays, so the head survives.
    expect(await prune(1000)).toBe(2);
    expect(await prune(20)).toBe(2);
    expect(await events.headSeq('acme')).toBe(3);
    expect(await log('acme', [[40, NOWHERE]])).toEqual([4]);
    expect(await prune(1000)).toBe(3);
    expect(await events.headSeq('acme')).toBe(4);
    expect(await events.heads()).toEqual(new Map([['acme', 4], ['globex', 0]]));
    expect(await events.floorSeq('globex')).toBe(0);
  });

  it("purges what was logged about an erased conversation before its erasure, and nothing else", async () => {
    await log('acme', [[1, about('c1')], [2, about('c2')], [3, about('c1')]]);
    await log('globex', [[4, about('c1')]]);
    await storage().transaction(async (tx) => {
      const erased = await tx.events.append('acme', 5, about('c1'), { type: 'conversation.erased', conversationId: 'c1' });
      await tx.events.purgeConversation('acme', 'c1', erased.seq);
    }, { tenantId: 'acme' });
    const { events } = storage();
    expect((await events.range('acme', 0, 10)).map((e) => [e.seq, e.data.type])).toEqual([[2, 'conversation.upserted'], [4, 'conversation.erased']]);
    expect(await events.headSeq('acme')).toBe(4);
    expect((await events.range('globex', 0, 10)).map((e) => e.seq)).toEqual([1]);
  });
});
