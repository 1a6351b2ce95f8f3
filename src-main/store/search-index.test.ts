import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from './cache.js';
import { migrate } from './migration.js';
import { CACHE_MIGRATIONS } from './migrations/index.js';
import { parseSearchTerms } from './search-terms.js';
import { sampleConversation, sampleMessage } from './testing/records.js';

describe('search index filled behind the writes', () => {
  let cache: Cache;
  beforeEach(() => {
    cache = Cache.open(':memory:');
    cache.conversations.upsert(sampleConversation({ id: 'conv-1' }));
  });
  afterEach(() => cache.close());

  const find = (query: string) => cache.messages.search(parseSearchTerms(query), 20).map((m) => m.id);

  it('finds a new message before and after it is indexed, Thai substrings included', () => {
    cache.messages.upsertSent(sampleMessage({ id: 'm1', body: 'สินค้าถูกส่งไปผิดที่อยู่ค่ะ' }));
    cache.messages.upsertSent(sampleMessage({ id: 'm2', body: 'Wo ist meine Rechnung?' }));
    expect(cache.searchIndex.backlog()).toBe(2);
    expect(find('ที่อยู่')).toEqual(['m1']);
    expect(find('rechnung')).toEqual(['m2']);

    expect(cache.searchIndex.indexBatch(1)).toBe(1);
    expect(cache.searchIndex.indexBatch(10)).toBe(1);
    expect(cache.searchIndex.indexBatch(10)).toBe(0);
    expect(cache.searchIndex.backlog()).toBe(0);
    expect(find('ที่อยู่')).toEqual(['m1']);
    expect(find('rechnung')).toEqual(['m2']);
  });

  it('keeps the index right when indexed and unindexed rows are rewritten or deleted', () => {
    cache.messages.insertPending(sampleMessage({ id: 'r1', author: 'agent', body: 'first draft of a reply' }));
    cache.searchIndex.indexBatch(10);
    // The relay's copy of our reply: same body, nothing to re-index.
    cache.messages.upsertSent(sampleMessage({ id: 'r1', author: 'agent', body: 'first draft of a reply' }));
    cache.messages.upsertSent(sampleMessage({ id: 'r1', author: 'agent', body: 'corrected wording' }));
    expect(find('draft')).toEqual([]);
    expect(find('corrected')).toEqual(['r1']);

    cache.messages.insertPending(sampleMessage({ id: 'r2', author: 'agent', body: 'never indexed' }));
    cache.messages.markFailed('r2', 'refused');
    expect(cache.messages.deleteFailed('r2')).toBe(true);
    expect(cache.searchIndex.backlog()).toBe(0);
    expect(find('indexed')).toEqual([]);

    cache.eraseConversation('conv-1');
    expect(find('corrected')).toEqual([]);
    // Seqs freed by the erasure are taken again; a reused one is not mistaken for indexed.
    cache.conversations.upsert(sampleConversation({ id: 'conv-1' }));
    cache.messages.upsertSent(sampleMessage({ id: 'm9', body: 'brand new words' }));
    expect(find('brand')).toEqual(['m9']);
    cache.searchIndex.indexBatch(10);
    expect(find('brand')).toEqual(['m9']);
  });
});

describe('0004-defer-message-indexing', () => {
  it('keeps finding what a version-3 cache indexed as it wrote, and starts with an empty backlog', () => {
    const db = new Database(':memory:');
    try {
      migrate(db, CACHE_MIGRATIONS.slice(0, 3));
      db.prepare("INSERT INTO messages (id, conversation_id, author, author_name, body, created_at, delivery) VALUES ('m1', 'c1', 'customer', 'Nok', 'devolução do pedido', 1, 'sent')").run();
      migrate(db, CACHE_MIGRATIONS);
      expect(db.prepare('SELECT COUNT(*) FROM search_backlog').pluck().get()).toBe(0);
      const hits = db.prepare("SELECT rowid FROM messages_fts WHERE messages_fts MATCH '\"devolucao\"'").pluck().all();
      expect(hits).toHaveLength(1);
    } finally {
      db.close();
    }
  });
});
