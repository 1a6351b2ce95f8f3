import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from './cache.js';
import { OutboxClosed } from './outbox-store.js';
import { signInSample } from './testing/records.js';

describe('OutboxStore', () => {
  let cache: Cache;
  beforeEach(() => {
    cache = signInSample(Cache.open(':memory:'));
  });
  afterEach(() => cache.close());

  it('hands out rising mutation ids and returns changes oldest first', () => {
    const a = cache.outbox.enqueue({ kind: 'presence.set', presence: 'away' }, 1);
    const b = cache.outbox.enqueue({ kind: 'reply.send', conversationId: 'c1', messageId: 'm1', body: 'hi' }, 2);
    expect(b.mutationId).toBeGreaterThan(a.mutationId);
    expect(cache.outbox.next(10)).toEqual([a, b]);
    expect(cache.outbox.next(1)).toEqual([a]);
    expect(cache.outbox.get(b.mutationId)).toEqual(b);
    expect(cache.outbox.count()).toBe(2);
  });

  it('deletes through an acknowledged id and keeps counting upwards afterwards', () => {
    const a = cache.outbox.enqueue({ kind: 'presence.set', presence: 'away' }, 1);
    const b = cache.outbox.enqueue({ kind: 'presence.set', presence: 'available' }, 2);
    const c = cache.outbox.enqueue({ kind: 'presence.set', presence: 'away' }, 3);
    expect(cache.outbox.deleteThrough(b.mutationId)).toEqual([a, b]);
    expect(cache.outbox.next(10)).toEqual([c]);
    cache.outbox.deleteThrough(c.mutationId);
    expect(cache.outbox.enqueue({ kind: 'presence.set', presence: 'away' }, 4).mutationId).toBe(c.mutationId + 1);
  });

  it('refuses a change once nobody is signed in, and keeps what waits', () => {
    cache.outbox.enqueue({ kind: 'presence.set', presence: 'away' }, 1);
    cache.session.clearToken();
    expect(() => cache.outbox.enqueue({ kind: 'conversation.signal', conversationId: 'c1', intent: 'refund', upset: false }, 2)).toThrow(OutboxClosed);
    expect(cache.outbox.count()).toBe(1);
  });
});
