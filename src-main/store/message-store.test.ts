import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from './cache.js';
import { parseSearchTerms } from './search-terms.js';
import { sampleConversation, sampleMessage } from './testing/records.js';

describe('MessageStore', () => {
  let cache: Cache;
  beforeEach(() => {
    cache = Cache.open(':memory:');
    cache.conversations.upsert(sampleConversation({ id: 'conv-1' }));
  });
  afterEach(() => cache.close());

  it('turns a pending reply into a sent message when the relay echoes the same id', () => {
    cache.messages.insertPending(sampleMessage({ id: 'r1', author: 'agent', body: 'draft', createdAt: 10 }));
    expect(cache.messages.get('r1')).toMatchObject({ delivery: 'pending', deliveryError: null });
    cache.messages.upsertSent(sampleMessage({ id: 'r1', author: 'agent', body: 'draft', createdAt: 12 }));
    expect(cache.messages.get('r1')).toMatchObject({ delivery: 'sent', createdAt: 12 });
    expect(cache.messages.all()).toHaveLength(1);
  });

  it('puts a confirmed reply where the log has it, after a customer message of the same millisecond', () => {
    cache.messages.insertPending(sampleMessage({ id: 'reply', author: 'agent', body: 'on it', createdAt: 5_000 }));
    cache.messages.upsertSent(sampleMessage({ id: 'question', body: 'still there?', createdAt: 5_000 }));
    cache.messages.upsertSent(sampleMessage({ id: 'reply', author: 'agent', body: 'on it', createdAt: 5_000 }));
    expect(cache.messages.pageBefore('conv-1', null, 10).messages.map((m) => [m.id, m.delivery])).toEqual([
      ['question', 'sent'],
      ['reply', 'sent'],
    ]);
  });

  it('marks only a pending reply as failed, with the reason', () => {
    cache.messages.insertPending(sampleMessage({ id: 'r1' }));
    expect(cache.messages.markFailed('r1', 'conversation is closed')).toMatchObject({ delivery: 'failed', deliveryError: 'conversation is closed' });
    cache.messages.upsertSent(sampleMessage({ id: 's1' }));
    expect(cache.messages.markFailed('s1', 'nope')).toBeUndefined();
    expect(cache.messages.get('s1')?.delivery).toBe('sent');
  });

  it('refuses a second pending insert of the same id', () => {
    cache.messages.insertPending(sampleMessage({ id: 'r1' }));
    expect(() => cache.messages.insertPending(sampleMessage({ id: 'r1' }))).toThrow(/UNIQUE/);
  });

  it('pages a thread backwards, each page oldest first, keeping same-millisecond messages in arrival order', () => {
    const ids = ['m1', 'm2', 'm3', 'm4', 'm5'];
    ids.forEach((id, i) => cache.messages.upsertSent(sampleMessage({ id: id === 'm3' ? 'zz' : id, createdAt: i < 3 ? 100 : 100 + i })));
    const newest = cache.messages.pageBefore('conv-1', null, 2);
    expect(newest.messages.map((m) => m.id)).toEqual(['m4', 'm5']);
    const middle = cache.messages.pageBefore('conv-1', newest.older, 2);
    expect(middle.messages.map((m) => m.id)).toEqual(['m2', 'zz']);
    const oldest = cache.messages.pageBefore('conv-1', middle.older, 2);
    expect(oldest).toEqual({ messages: [expect.objectContaining({ id: 'm1' })], older: null });
  });

  describe('search', () => {
    const search = (query: string) => cache.messages.search(parseSearchTerms(query), 20).map((m) => m.id);
    beforeEach(() => {
      cache.messages.upsertSent(sampleMessage({ id: 'th', body: 'สินค้าถูกส่งไปผิดที่อยู่ค่ะ', createdAt: 1 }));
      cache.messages.upsertSent(sampleMessage({ id: 'zh', body: '我的订单还没到，请尽快回复', createdAt: 2 }));
      cache.messages.upsertSent(sampleMessage({ id: 'de', body: 'Ich brauche eine Rechnung mit ausgewiesener Mehrwertsteuer.', createdAt: 3 }));
      cache.messages.upsertSent(sampleMessage({ id: 'q', body: 'He said "NEAR" and * and (a OR b) - 100% sure_thing', createdAt: 4 }));
    });

    it('finds a substring inside Thai and Chinese text that has no spaces', () => {
      expect(search('ที่อยู่')).toEqual(['th']);
      expect(search('订单还')).toEqual(['zh']);
    });

    it('finds terms shorter than three characters with the LIKE fallback', () => {
      expect(search('订单')).toEqual(['zh']);
      expect(search('请')).toEqual(['zh']);
    });

    it('finds German words regardless of case and requires every term', () => {
      expect(search('rechnung MEHRWERTSTEUER')).toEqual(['de']);
      expect(search('rechnung 订单')).toEqual([]);
    });

    it('treats FTS syntax and LIKE wildcards in the query as plain text', () => {
      for (const query of ['"', '"NEAR"', 'NEAR', '*', 'a OR b', '(a', 'NEAR(a b)', 'und"', '-100', '%', '_', '0% s', 'body:x', '^ich']) {
        expect(() => search(query), query).not.toThrow();
      }
      expect(search('"NEAR"')).toEqual(['q']);
      expect(search('*')).toEqual(['q']);
      expect(search('%')).toEqual(['q']);
      expect(search('_')).toEqual(['q']);
      expect(search('%%')).toEqual([]);
      expect(search('(a OR b)')).toEqual(['q']);
      expect(search('^ich')).toEqual([]);
    });

    it('returns newest first and skips messages of conversations not in the cache', () => {
      cache.messages.upsertSent(sampleMessage({ id: 'newer', body: 'noch eine Rechnung', createdAt: 9 }));
      cache.messages.upsertSent(sampleMessage({ id: 'orphan', conversationId: 'gone', body: 'Rechnung', createdAt: 10 }));
      expect(search('Rechnung')).toEqual(['newer', 'de']);
    });
  });
});
