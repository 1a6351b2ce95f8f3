import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../store/cache.js';
import { sampleConversation, sampleMessage } from '../store/testing/records.js';
import { eventually } from '../sync/testing/eventually.js';
import { SearchIndexer } from './search-indexer.js';

describe('SearchIndexer', () => {
  let cache: Cache;
  let busy: boolean;
  let indexer: SearchIndexer;
  beforeEach(() => {
    cache = Cache.open(':memory:');
    cache.conversations.upsert(sampleConversation({ id: 'conv-1' }));
    cache.transaction(() => {
      for (let i = 0; i < 1_200; i++) cache.messages.upsertSent(sampleMessage({ id: `m${i}`, body: `message ${i}` }));
    });
    busy = false;
    indexer = new SearchIndexer(cache.searchIndex, () => busy, () => undefined);
  });
  afterEach(() => {
    indexer.stop();
    cache.close();
  });

  it('indexes the whole backlog in batches once kicked', async () => {
    indexer.kick();
    await eventually('the backlog indexed', () => cache.searchIndex.backlog() === 0);
  });

  it('waits while sync is catching up, then goes on', async () => {
    busy = true;
    indexer.kick();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cache.searchIndex.backlog()).toBe(1_200);
    busy = false;
    await eventually('the backlog indexed', () => cache.searchIndex.backlog() === 0);
  });

  it('does nothing more once stopped', async () => {
    indexer.kick();
    indexer.stop();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(cache.searchIndex.backlog()).toBe(1_200);
  });
});
