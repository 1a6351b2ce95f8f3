import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from './cache.js';
import { sampleAgent } from './testing/records.js';

describe('SessionStore', () => {
  let cache: Cache;
  beforeEach(() => {
    cache = Cache.open(':memory:');
  });
  afterEach(() => cache.close());

  it('starts signed out with a client id and cursor 0', () => {
    expect(cache.session.signIn()).toBeNull();
    expect(cache.session.cachedAgent()).toBeNull();
    expect(cache.session.clientId()).toMatch(/^[0-9a-f-]{36}$/);
    expect(cache.session.cursor()).toBe(0);
    expect(cache.session.presence()).toBe('available');
  });

  it('stores a sign-in and keeps the cache owner after the token is cleared', () => {
    const agent = sampleAgent();
    cache.session.saveSignIn({ token: 't1', expiresAt: 5_000, agent });
    expect(cache.session.signIn()).toEqual({ token: 't1', expiresAt: 5_000, agent });
    cache.session.clearToken();
    expect(cache.session.signIn()).toBeNull();
    expect(cache.session.cachedAgent()).toEqual(agent);
  });

  it('forgets the owner, cursor and presence for another agent but keeps the client id', () => {
    const clientId = cache.session.clientId();
    cache.session.saveSignIn({ token: 't1', expiresAt: 5_000, agent: sampleAgent() });
    cache.session.setCursor(42);
    cache.session.setPresence('away');
    cache.session.clearToken();
    cache.session.forgetCachedAgent();
    expect(cache.session.cachedAgent()).toBeNull();
    expect(cache.session.cursor()).toBe(0);
    expect(cache.session.presence()).toBe('available');
    expect(cache.session.clientId()).toBe(clientId);
  });
});
