import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from './cache.js';
import { sampleConversation } from './testing/records.js';

describe('ConversationStore', () => {
  let cache: Cache;
  beforeEach(() => {
    cache = Cache.open(':memory:');
  });
  afterEach(() => cache.close());

  it('replaces a conversation whole when the relay sends it again', () => {
    cache.conversations.upsert(sampleConversation({ status: 'open', assigneeId: 'a1' }));
    const sla = { policyId: 'chat', firstResponseDueAt: null, nextResponseDueAt: 9_000, resolutionDueAt: 90_000, firstRespondedAt: 2_000, breached: ['first_response' as const] };
    cache.conversations.upsert(sampleConversation({ status: 'resolved', assigneeId: null, market: null, vip: true, sla }));
    expect(cache.conversations.get('conv-1')).toEqual(sampleConversation({ status: 'resolved', assigneeId: null, market: null, vip: true, sla }));
    expect(cache.conversations.get('nope')).toBeUndefined();
  });

  it('pages newest first with a keyset that survives ties and inserts between pages', () => {
    const times = [5, 3, 3, 3, 1];
    times.forEach((at, i) => cache.conversations.upsert(sampleConversation({ id: `c${i}`, lastMessageAt: at })));
    const first = cache.conversations.page({ status: 'all', after: null, limit: 2 });
    expect(first.items.map((c) => c.id)).toEqual(['c0', 'c3']);
    cache.conversations.upsert(sampleConversation({ id: 'late', lastMessageAt: 9 }));
    const second = cache.conversations.page({ status: 'all', after: first.next, limit: 2 });
    expect(second.items.map((c) => c.id)).toEqual(['c2', 'c1']);
    const third = cache.conversations.page({ status: 'all', after: second.next, limit: 2 });
    expect(third).toEqual({ items: [expect.objectContaining({ id: 'c4' })], next: null });
  });

  it('filters by status', () => {
    cache.conversations.upsert(sampleConversation({ id: 'a', status: 'open' }));
    cache.conversations.upsert(sampleConversation({ id: 'b', status: 'resolved' }));
    const resolved = cache.conversations.page({ status: 'resolved', after: null, limit: 10 });
    expect(resolved.items.map((c) => c.id)).toEqual(['b']);
  });

  it('shows a status change waiting in the outbox over the relay row, until it leaves the outbox', () => {
    cache.conversations.upsert(sampleConversation({ status: 'open' }));
    const change = cache.outbox.enqueue({ kind: 'conversation.setStatus', conversationId: 'conv-1', status: 'resolved' }, 1);
    cache.conversations.upsert(sampleConversation({ status: 'pending' }));
    expect(cache.conversations.get('conv-1')?.status).toBe('resolved');
    expect(cache.conversations.page({ status: 'resolved', after: null, limit: 10 }).items).toHaveLength(1);
    cache.outbox.deleteThrough(change.mutationId);
    expect(cache.conversations.get('conv-1')?.status).toBe('pending');
  });

  it('moves a conversation up for a local reply', () => {
    cache.conversations.upsert(sampleConversation({ lastMessageAt: 50 }));
    cache.conversations.upsert(sampleConversation({ id: 'other', lastMessageAt: 60 }));
    cache.conversations.noteLocalMessage('conv-1', 70, 'my reply', 71);
    expect(cache.conversations.get('conv-1')).toMatchObject({ lastMessageAt: 70, lastMessagePreview: 'my reply', updatedAt: 71 });
    expect(cache.conversations.page({ status: 'all', after: null, limit: 1 }).items[0]?.id).toBe('conv-1');
  });
});
