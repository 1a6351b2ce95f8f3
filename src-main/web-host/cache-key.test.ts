import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../store/cache.js';
import { CacheKeyError } from '../store/cache-cipher.js';
import { sampleConversation } from '../store/testing/records.js';
import { webHostCacheKey } from './cache-key.js';

describe("the web host's cache key", () => {
  let dir: string;
  let dbPath: string;
  const key = randomBytes(32);
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'web-host-key-'));
    dbPath = path.join(dir, 'workstation.sqlite');
    const cache = Cache.open(dbPath, { key, filesDir: path.join(dir, 'files') });
    cache.conversations.upsert(sampleConversation({ id: 'c1' }));
    cache.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes WORKSTATION_CACHE_KEY, and refuses a malformed or wrong one', async () => {
    expect((await webHostCacheKey(dbPath, { WORKSTATION_CACHE_KEY: key.toString('hex') })).equals(key)).toBe(true);
    await expect(webHostCacheKey(dbPath, { WORKSTATION_CACHE_KEY: 'secret' })).rejects.toThrow(/must be 64 hex digits/);
    await expect(webHostCacheKey(dbPath, { WORKSTATION_CACHE_KEY: randomBytes(32).toString('hex') })).rejects.toThrow(CacheKeyError);
  });

  it('without a key or a terminal to ask at, does not start, and says what to do', async () => {
    await expect(webHostCacheKey(dbPath, {})).rejects.toThrow(/set WORKSTATION_CACHE_KEY.*or start the web host in a terminal/);
  });

  it('rotates to WORKSTATION_NEW_CACHE_KEY, and a second start with both set opens with the new one', async () => {
    const newKey = randomBytes(32);
    const environment = { WORKSTATION_CACHE_KEY: key.toString('hex'), WORKSTATION_NEW_CACHE_KEY: newKey.toString('hex') };
    expect((await webHostCacheKey(dbPath, environment)).equals(newKey)).toBe(true);
    expect(() => Cache.open(dbPath, { key })).toThrow(CacheKeyError);
    expect((await webHostCacheKey(dbPath, environment)).equals(newKey)).toBe(true);
    const cache = Cache.open(dbPath, { key: newKey });
    expect(cache.conversations.get('c1')).toBeDefined();
    cache.close();
  });
});
