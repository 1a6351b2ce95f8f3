import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../store/cache.js';
import { signInSample } from '../../store/testing/records.js';
import { recordPresence } from './presence-changes.js';

describe('recording presence', () => {
  let cache: Cache;
  beforeEach(() => {
    cache = signInSample(Cache.open(':memory:'));
  });
  afterEach(() => cache.close());

  it('remembers the chosen presence, with why away, and queues it', () => {
    recordPresence(cache, 'away', 'lunch', 1);
    expect(cache.session.presence()).toBe('away');
    expect(cache.session.presenceReason()).toBe('lunch');
    recordPresence(cache, 'after-call-work', 'lunch', 2);
    expect(cache.session.presence()).toBe('after-call-work');
    // A reason belongs to away only.
    expect(cache.session.presenceReason()).toBeNull();
    expect(cache.outbox.next(10).map((m) => m.body)).toEqual([
      { kind: 'presence.set', presence: 'away', reason: 'lunch' },
      { kind: 'presence.set', presence: 'after-call-work' },
    ]);
  });
});
