import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src-shared/api/contract.js';
import { Cache } from '../../store/cache.js';
import { sampleAgent, sampleConversation, sampleMessage } from '../../store/testing/records.js';
import { ApiEvents } from '../api-events.js';
import { Guards } from './guards.js';
import { watchWaitingWork, workHandlers } from './work-service.js';

const NOW = Date.now();
const mei = sampleAgent({ id: 'mei', teamIds: ['apac'] });

function mention(cache: Cache, conversationId: string, kind: 'mentioned' | 'reassigned' = 'mentioned'): void {
  cache.notices.add({ at: NOW, kind, conversationId, customerName: 'Nok', otherAgentName: 'Somchai', messageId: null, detail: '@Mei see this' });
}

describe('the waiting work', () => {
  let cache: Cache;
  let events: ApiEvents;
  beforeEach(() => {
    cache = Cache.open(':memory:');
    events = new ApiEvents(() => {});
    cache.session.saveSignIn({ token: 't', expiresAt: NOW + 3_600_000, agent: mei });
  });
  afterEach(() => cache.close());

  const waiting = () => workHandlers({ cache, guards: new Guards(cache, { isClosed: () => false }) })['work.waiting']({});

  it('counts offers, unassigned ones in the agent’s teams, own ones the customer spoke last in, and mentions', async () => {
    const conversations = [
      sampleConversation({ id: 'offered', assigneeId: null, offer: { agentId: 'mei', expiresAt: NOW + 30_000 }, customerName: 'Aoife', lastMessagePreview: 'Hello?' }),
      sampleConversation({ id: 'offer-lapsed', assigneeId: null, offer: { agentId: 'mei', expiresAt: NOW - 1 } }),
      sampleConversation({ id: 'offered-to-colleague', assigneeId: null, offer: { agentId: 'somchai', expiresAt: NOW + 30_000 } }),
      sampleConversation({ id: 'queued-apac', assigneeId: null }),
      sampleConversation({ id: 'queued-europe', assigneeId: null, teamId: 'europe' }),
      sampleConversation({ id: 'queued-resolved', assigneeId: null, status: 'resolved' }),
      sampleConversation({ id: 'mine-customer-last', assigneeId: 'mei' }),
      sampleConversation({ id: 'mine-answered', assigneeId: 'mei' }),
      sampleConversation({ id: 'mine-note-after-customer', assigneeId: 'mei' }),
      sampleConversation({ id: 'mine-pending', assigneeId: 'mei', status: 'pending' }),
      sampleConversation({ id: 'colleagues', assigneeId: 'somchai' }),
    ];
    for (const conversation of conversations) cache.conversations.upsert(conversation);
    const say = (id: string, conversationId: string, author: 'customer' | 'agent', createdAt: number, internal = false) =>
      cache.messages.upsertSent(sampleMessage({ id, conversationId, author, createdAt, internal }));
    say('a1', 'mine-customer-last', 'agent', 1);
    say('a2', 'mine-customer-last', 'customer', 2);
    say('b1', 'mine-answered', 'customer', 1);
    say('b2', 'mine-answered', 'agent', 2);
    say('c1', 'mine-note-after-customer', 'customer', 1);
    say('c2', 'mine-note-after-customer', 'agent', 2, true);
    say('d1', 'mine-pending', 'customer', 1);
    say('e1', 'colleagues', 'customer', 1);
    mention(cache, 'colleagues');
    mention(cache, 'mine-answered', 'reassigned');

    expect(await waiting()).toEqual({
      offered: 1,
      unassigned: 2,
      awaitingReply: 2,
      mentions: 1,
      total: 6,
      offers: [{ conversationId: 'offered', customerName: 'Aoife', preview: 'Hello?' }],
    });
  });

  it('a claim still in the outbox makes a queued conversation the agent’s own', async () => {
    cache.conversations.upsert(sampleConversation({ id: 'queued', assigneeId: null }));
    cache.messages.upsertSent(sampleMessage({ id: 'q1', conversationId: 'queued' }));
    expect(await waiting()).toMatchObject({ unassigned: 1, awaitingReply: 0 });
    cache.outbox.enqueue({ kind: 'conversation.claim', conversationId: 'queued' }, NOW);
    expect(await waiting()).toMatchObject({ unassigned: 0, awaitingReply: 1, total: 1 });
  });

  it('tells work.changed once per burst of changes, only when the count moved, and nothing waiting after sign-out', async () => {
    const told: EventPayload<'work.changed'>[] = [];
    events.on('work.changed', (work) => told.push(work));
    const stop = watchWaitingWork({ cache, events, log: () => {} }, 10);
    try {
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(told).toEqual([]);
      cache.conversations.upsert(sampleConversation({ id: 'q1', assigneeId: null }));
      cache.conversations.upsert(sampleConversation({ id: 'q2', assigneeId: null }));
      events.emit('conversations.changed', { conversationIds: ['q1'] });
      events.emit('conversations.changed', { conversationIds: ['q2'] });
      events.emit('messages.changed', { conversationId: 'q2', messageIds: [] });
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(told.map((work) => work.total)).toEqual([2]);
      events.emit('conversations.changed', { conversationIds: ['q1'] });
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(told).toHaveLength(1);
      mention(cache, 'q1');
      events.emit('notices.changed', { notices: cache.notices.shown() });
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(told.at(-1)).toMatchObject({ mentions: 1, total: 3 });
      cache.session.clearToken();
      events.emit('session.changed', { agent: null });
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(told.at(-1)).toMatchObject({ total: 0 });
    } finally {
      stop();
    }
  });
});
