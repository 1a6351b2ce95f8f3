import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../store/cache.js';
import { signInSample, sampleConversation } from '../../store/testing/records.js';
import { ChangeSet } from '../change-set.js';
import { settleAck } from '../outbox-settlement.js';
import { recordLabels, recordStatusChange } from './conversation-changes.js';

describe('recording conversation changes', () => {
  let cache: Cache;
  beforeEach(() => {
    cache = signInSample(Cache.open(':memory:'));
    cache.conversations.upsert(sampleConversation({ lastMessageAt: 500, lastMessagePreview: 'before' }));
  });
  afterEach(() => cache.close());

  it('queues a status change that shows at once, and nothing when the status is already that', () => {
    expect(recordStatusChange(cache, cache.conversations.get('conv-1')!, 'resolved', 1)).toBe(true);
    expect(cache.conversations.get('conv-1')?.status).toBe('resolved');
    expect(recordStatusChange(cache, cache.conversations.get('conv-1')!, 'resolved', 2)).toBe(false);
    expect(cache.outbox.count()).toBe(1);
  });
});

describe('settling conversation changes', () => {
  let cache: Cache;
  beforeEach(() => {
    cache = signInSample(Cache.open(':memory:'));
    cache.conversations.upsert(sampleConversation({ labels: ['billing'] }));
  });
  afterEach(() => cache.close());

  it('shows the relay\'s labels again, and says the list changed, when a label change is refused', () => {
    expect(recordLabels(cache, cache.conversations.get('conv-1')!, ['billing', 'urgent'], 1)).toBe(true);
    expect(cache.conversations.get('conv-1')?.labels).toEqual(['billing', 'urgent']);
    const [pending] = cache.outbox.next(1);
    const emitted: string[][] = [];
    const changes = new ChangeSet();
    settleAck(cache, pending!.mutationId, [{ mutationId: pending!.mutationId, code: 'forbidden', message: 'This conversation is handled by someone else.' }], changes);
    changes.announce((event, payload) => {
      if (event === 'conversations.changed') emitted.push((payload as { conversationIds: string[] }).conversationIds);
    });
    expect(cache.conversations.get('conv-1')?.labels).toEqual(['billing']);
    expect(emitted).toEqual([['conv-1']]);
  });
});
