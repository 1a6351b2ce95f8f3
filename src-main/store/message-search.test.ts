import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectPlain } from './cache-cipher.js';
import { Cache } from './cache.js';
import { parseSearchTerms } from './search-terms.js';
import { sampleConversation, sampleMessage } from './testing/records.js';

/**
 * Search against the plainest reading of what it must answer: the cached conversations' messages
 * whose body holds every term (ASCII case aside), newest first, the order they reached the cache
 * breaking ties. The words are not the benchmark's, and many messages share a millisecond.
 */
const WORDS = ['快递', '没收到', '客服电话', '请帮我查一下', 'ありがとう', 'キャンセル', 'お問い合わせ', '발송', '문의드립니다', '확인', 'สวัสดี', 'ค่ะ', 'ยกเลิก', 'โทร', 'parcel', 'Parcel', 'LATE', 'ok', '50%', 'under_score', '"quoted"'];
const QUERIES = ['快递', '快', '收到客', '到', '客服', 'ค่ะ', 'ค', 'ยก', 'สวัสดี', 'ありがとう', 'ン', 'せル', '발송', '확', '문의드', 'parcel', 'late', 'ok', 'k', '%', '_', '"quoted"', 'parcel 快递', 'ค่ะ 快', '发 ok', '到 확 ค', 'ยกเลิก LATE 50%', 'zzz', '不在', 'ไม่มี'];
const LIMITS = [1, 3, 10, 500];
const CACHED = ['c1', 'c2', 'c3'];

interface Written {
  id: string;
  conversation: string;
  words: number[];
  joined: boolean;
  createdAt: number;
}

const word = fc.nat(WORDS.length - 1);
const time = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(-7, 2 ** 50) });
const written = (id: string): fc.Arbitrary<Written> =>
  fc.record({ id: fc.constant(id), conversation: fc.constantFrom('c1', 'c2', 'c3', 'gone'), words: fc.array(word, { minLength: 1, maxLength: 5 }), joined: fc.boolean(), createdAt: time });
const messages = (prefix: string) => fc.integer({ min: 1, max: 30 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => written(`${prefix}${i}`))));

describe('message search against a plain scan, order included', () => {
  let dir: string;
  let file: string;
  let cache: Cache;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'message-search-'));
    file = path.join(dir, 'cache.sqlite');
    cache = Cache.open(file);
  });
  afterEach(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (m: Written) =>
    cache.messages.upsertSent(sampleMessage({ id: m.id, conversationId: m.conversation, body: m.words.map((w) => WORDS[w]).join(m.joined ? '' : ' '), createdAt: m.createdAt }));

  interface Row {
    id: string;
    body: string;
    created_at: number;
    local_seq: number;
  }

  function cachedRows(): Row[] {
    const db = connectPlain(file);
    try {
      return db.prepare<[], Row>('SELECT id, body, created_at, local_seq FROM messages WHERE conversation_id IN (SELECT id FROM conversations)').all();
    } finally {
      db.close();
    }
  }

  function expected(rows: Row[], query: string, limit: number): string[] {
    const terms = [...new Set(query.split(' '))].map((term) => term.toLowerCase());
    return rows
      .filter((m) => terms.every((term) => m.body.toLowerCase().includes(term)))
      .sort((a, b) => b.created_at - a.created_at || b.local_seq - a.local_seq)
      .slice(0, limit)
      .map((m) => m.id);
  }

  function checkEveryQuery(when: string, queries = QUERIES, limits = LIMITS): void {
    const rows = cachedRows();
    for (const query of queries) {
      for (const limit of limits) {
        expect(cache.messages.search(parseSearchTerms(query), limit).map((m) => m.id), `${query} (${limit}) ${when}`).toEqual(expected(rows, query, limit));
      }
    }
  }

  it('answers the same before indexing, part-way, after, after a resync that moves and edits messages, and after a rebuild', () => {
    fc.assert(
      fc.property(messages('m'), messages('r'), fc.nat(40), fc.nat(40), fc.array(fc.tuple(fc.nat(29), time, word)), (first, resent, indexFirst, indexDuring, edits) => {
        cache.wipeAgentData();
        for (const id of CACHED) cache.conversations.upsert(sampleConversation({ id }));
        first.forEach(write);
        checkEveryQuery('before indexing');
        cache.searchIndex.indexBatch(indexFirst + 1);
        checkEveryQuery('part-way');
        while (cache.searchIndex.indexBatch(7) > 0);
        checkEveryQuery('indexed');

        // A resync: the relay sends messages again, some at a new time or with a new body (their
        // place moves), older history arrives after newer, and one conversation is no longer visible.
        cache.resync.begin();
        for (const [at, createdAt, w] of edits) {
          const m = first[at % first.length]!;
          if (m.conversation !== 'c3') write({ ...m, createdAt, words: [...m.words.slice(1), w] });
        }
        resent.filter((m) => m.conversation !== 'c3').forEach(write);
        cache.searchIndex.indexBatch(indexDuring + 1);
        cache.resync.seen(['c1', 'c2']);
        cache.resync.finish();
        checkEveryQuery('after the resync, part-indexed');
        while (cache.searchIndex.indexBatch(5) > 0);
        checkEveryQuery('after the resync, indexed');

        // The index rebuilt from scratch.
        const db = connectPlain(file);
        db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('delete-all'); INSERT INTO messages_grams (messages_grams) VALUES ('delete-all'); UPDATE messages SET search_key = NULL; INSERT OR IGNORE INTO search_backlog SELECT local_seq FROM messages");
        db.close();
        checkEveryQuery('rebuilding');
        while (cache.searchIndex.indexBatch(50) > 0);
        checkEveryQuery('rebuilt');
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  it('finds two-character Chinese, Japanese, Korean and Thai words among many messages of one millisecond', () => {
    for (const id of CACHED) cache.conversations.upsert(sampleConversation({ id }));
    const bodies = ['我的快递没收到', 'キャンセルお願いします', '발송 확인 부탁드립니다', 'ยกเลิกคำสั่งซื้อค่ะ', 'parcel is LATE'];
    for (let i = 0; i < 60; i++) cache.messages.upsertSent(sampleMessage({ id: `s${i}`, conversationId: CACHED[i % 3], body: bodies[i % bodies.length], createdAt: 1_000 + Math.floor(i / 25) }));
    while (cache.searchIndex.indexBatch(13) > 0);
    checkEveryQuery('indexed', ['快递', '收到', 'セル', '발송', '확인', 'ยก', 'ค่ะ', 'late', '快递 parcel'], [1, 12, 24, 25, 26, 100]);
    expect(cache.messages.search(parseSearchTerms('快递'), 3).map((m) => m.id)).toEqual(['s55', 's50', 's45']);
  });
});
