import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../../src-shared/domain/model.js';
import { seedTenant } from '../demo/seed.js';
import type { RelayCore } from '../relay-core.js';
import type { LoggedEvent } from '../storage/port/events.js';
import { ACME, TEST_PASSWORD_COST, testCore } from '../testing/test-relay.js';

function conversation(id: string, assigneeId: string | null, teamId = 'team-a'): Conversation {
  return {
    id,
    customerId: 'cust',
    customerName: 'Kim',
    channel: 'email',
    teamId,
    assigneeId,
    status: 'open',
    language: 'en',
    market: null,
    createdAt: 1,
    updatedAt: 1,
    lastMessageAt: 1,
    lastMessagePreview: '',
  };
}

function message(id: string, conversationId: string): Message {
  return { id, conversationId, author: 'customer', authorId: 'cust', authorName: 'Kim', body: `body ${id}`, createdAt: 2, internal: false };
}

describe('change sets', () => {
  let core: RelayCore;
  const published: LoggedEvent[][] = [];

  beforeEach(async () => {
    core = testCore();
    await seedTenant(core, ACME, TEST_PASSWORD_COST);
    await core.store.conversations.insertCustomer('acme', { id: 'cust', name: 'Kim', language: 'en', market: null, createdAt: 0 });
    core.bus.subscribe((_tenant, events) => published.push([...events]));
  });
  afterEach(async () => {
    published.length = 0;
    await core.store.close();
  });

  it('gives every change the next seq, contiguous across commits', async () => {
    await core.commit('acme', async (changes) => {
      await changes.addConversation(conversation('c1', 'ann'));
      await changes.addMessage(message('m1', 'c1'), conversation('c1', 'ann'), null);
    });
    await core.commit('acme', (changes) => changes.addConversation(conversation('c2', null)));
    const events = await core.store.events.range('acme', 0, 100);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events.map((e) => e.data.type)).toEqual(['conversation.upserted', 'message.created', 'conversation.upserted']);
    expect(await core.store.events.headSeq('acme')).toBe(3);
    expect(published.map((batch) => batch.map((e) => e.seq))).toEqual([[1, 2], [3]]);
  });

  it('writes nothing and publishes nothing when the work throws', async () => {
    await expect(
      core.commit('acme', async (changes) => {
        await changes.addConversation(conversation('c1', 'ann'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await core.store.events.headSeq('acme')).toBe(0);
    expect(await core.store.conversations.findConversation('acme', 'c1')).toBeNull();
    expect(published).toEqual([]);
  });

  it('refuses to append an event outside a transaction', async () => {
    const placement = { conversationId: null, teamId: null, assigneeId: null, previousTeamId: null, previousAssigneeId: null };
    await expect(core.store.events.append('acme', 1, placement, { type: 'conversation.upserted', conversation: conversation('x', null) })).rejects.toThrow(
      /inside the transaction/,
    );
  });

  it('records where a conversation was before and after a change', async () => {
    await core.commit('acme', (changes) => changes.addConversation(conversation('c1', 'ann')));
    const before = (await core.store.conversations.findConversation('acme', 'c1'))!;
    await core.commit('acme', (changes) => changes.changeConversation(before, { ...before, assigneeId: 'bob' }));
    const [, moved] = await core.store.events.range('acme', 0, 2);
    expect(moved).toMatchObject({ teamId: 'team-a', assigneeId: 'bob', previousTeamId: 'team-a', previousAssigneeId: 'ann' });
    expect((await core.store.conversations.findConversation('acme', 'c1'))?.assigneeId).toBe('bob');
  });

  it('hands the earlier messages to an assignee who could not see the conversation before', async () => {
    await core.commit('acme', async (changes) => {
      await changes.addConversation(conversation('c1', 'ann'));
      await changes.addMessage(message('m1', 'c1'), conversation('c1', 'ann'), null);
    });
    const before = (await core.store.conversations.findConversation('acme', 'c1'))!;
    await core.commit('acme', (changes) => changes.changeConversation(before, { ...before, teamId: 'team-b', assigneeId: 'cid' }));
    const replayed = await core.store.events.range('acme', 2, 100);
    expect(replayed.map((e) => e.data.type)).toEqual(['conversation.upserted', 'message.created']);
    expect(replayed[1]).toMatchObject({ assigneeId: 'cid', data: { message: { id: 'm1' } } });
  });

  it('does not repeat messages for an agent who already saw the conversation in their queue', async () => {
    await core.commit('acme', async (changes) => {
      await changes.addConversation(conversation('c1', null));
      await changes.addMessage(message('m1', 'c1'), conversation('c1', null), null);
    });
    const before = (await core.store.conversations.findConversation('acme', 'c1'))!;
    await core.commit('acme', (changes) => changes.changeConversation(before, { ...before, assigneeId: 'ann' }));
    expect((await core.store.events.range('acme', 2, 100)).map((e) => e.data.type)).toEqual(['conversation.upserted']);
  });
});
