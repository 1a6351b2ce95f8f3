import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../store/cache.js';
import { sampleConversation } from '../../store/testing/records.js';
import { recordStatusChange } from './conversation-changes.js';

describe('recording conversation changes', () => {
  let cache: Cache;
  beforeEach(() => {
    cache = Cache.open(':memory:');
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
