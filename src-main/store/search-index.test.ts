import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectPlain } from './cache-cipher.js';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from './cache.js';
import { migrate } from '../../src-node/sqlite/migration.js';
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
    // The relay's copy of our reply (it moves to its place in the log, so it is indexed again), then a rewrite.
    cache.messages.upsertSent(sampleMessage({ id: 'r1', author: 'agent', body: 'first draft of a reply' }));
    expect(find('draft')).toEqual(['r1']);
    cache.searchIndex.indexBatch(10);
    cache.messages.upsertSent(sampleMessage({ id: 'r1', author: 'agent', body: 'corrected wording' }));
    expect(find('draft')).toEqual([]);
    expect(find('corrected')).toEqual(['r1']);
    cache.searchIndex.indexBatch(10);

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

describe('search while the index catches up, against a plain substring scan', () => {
  const WORDS = ['alpha', 'Beta', 'gamma ray', 'ที่อยู่ค่ะ', '我的订单还没到', 'x'];
  const QUERIES = ['alp', 'BETA', 'mma ra', 'ที่อยู่', '订单还', '我的', '到', '订', 'ค่', 'ที', 'a', 'alpha 订单', 'zzz'];
  const CONVERSATIONS = ['c1', 'c2'];
  type Step =
    | { kind: 'relay'; id: number; conversation: number; words: number[] }
    | { kind: 'pending'; id: number; words: number[] }
    | { kind: 'drop-failed'; id: number }
    | { kind: 'erase'; conversation: number }
    | { kind: 'conversation'; conversation: number }
    | { kind: 'wipe' }
    | { kind: 'index'; rows: number };
  const id = fc.nat(7);
  const conversation = fc.nat(CONVERSATIONS.length - 1);
  const words = fc.array(fc.nat(WORDS.length - 1), { minLength: 1, maxLength: 3 });
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('relay' as const), id, conversation, words }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('pending' as const), id, words }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop-failed' as const), id }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), conversation }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('conversation' as const), conversation }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'wipe' as const }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('index' as const), rows: fc.integer({ min: 1, max: 4 }) }) },
  );

  let dir: string;
  let cache: Cache;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'search-model-'));
    cache = Cache.open(path.join(dir, 'cache.sqlite'));
  });
  afterEach(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function take(step: Step, at: number): void {
    const body = (indexes: number[]) => indexes.map((i) => WORDS[i]).join(' ');
    switch (step.kind) {
      case 'relay':
        cache.messages.upsertSent(sampleMessage({ id: `m${step.id}`, conversationId: CONVERSATIONS[step.conversation], body: body(step.words), createdAt: at }));
        return;
      case 'pending':
        if (!cache.messages.get(`m${step.id}`)) cache.messages.insertPending(sampleMessage({ id: `m${step.id}`, body: body(step.words), createdAt: at }));
        return;
      case 'drop-failed':
        cache.messages.markFailed(`m${step.id}`, 'refused');
        cache.messages.deleteFailed(`m${step.id}`);
        return;
      case 'erase':
        cache.eraseConversation(CONVERSATIONS[step.conversation] ?? '');
        return;
      case 'conversation':
        cache.conversations.upsert(sampleConversation({ id: CONVERSATIONS[step.conversation] }));
        return;
      case 'wipe':
        cache.wipeAgentData();
        return;
      case 'index':
        cache.searchIndex.indexBatch(step.rows);
        return;
    }
  }

  /** What search must answer: cached conversations' messages holding every term, any case. */
  function expected(query: string): string[] {
    const terms = query.split(' ').map((term) => term.toLowerCase());
    const cached = new Set(cache.conversations.all().map((c) => c.id));
    return cache.messages
      .all()
      .filter((m) => cached.has(m.conversationId) && terms.every((term) => m.body.toLowerCase().includes(term)))
      .map((m) => m.id)
      .sort();
  }

  /** FTS5 compares the index with the messages row by row; meaningful once the backlog is empty. */
  function checkIndexIntegrity(): void {
    const db = connectPlain(path.join(dir, 'cache.sqlite'));
    try {
      db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)").run();
    } finally {
      db.close();
    }
  }

  it('finds exactly what a scan finds after every write, delete, erasure, wipe and batch', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        cache.wipeAgentData();
        cache.conversations.upsert(sampleConversation({ id: 'c1' }));
        steps.forEach((s, at) => {
          take(s, at);
          for (const query of QUERIES) {
            const found = cache.messages.search(parseSearchTerms(query), 100).map((m) => m.id).sort();
            expect(found, `${query} after ${JSON.stringify(s)}`).toEqual(expected(query));
          }
        });
        while (cache.searchIndex.indexBatch(3) > 0);
        checkIndexIntegrity();
        for (const query of QUERIES) expect(cache.messages.search(parseSearchTerms(query), 100).map((m) => m.id).sort()).toEqual(expected(query));
      }),
      { numRuns: 60 },
    );
  });

  it('a wipe of an indexed cache leaves an empty index, an empty backlog and a correct index after', () => {
    cache.conversations.upsert(sampleConversation({ id: 'c1' }));
    for (let i = 0; i < 50; i++) cache.messages.upsertSent(sampleMessage({ id: `m${i}`, conversationId: 'c1', body: `alpha ${i}` }));
    cache.searchIndex.indexBatch(30);
    cache.wipeAgentData();
    expect(cache.searchIndex.backlog()).toBe(0);
    checkIndexIntegrity();
    cache.conversations.upsert(sampleConversation({ id: 'c1' }));
    cache.messages.upsertSent(sampleMessage({ id: 'n1', conversationId: 'c1', body: 'alpha again' }));
    expect(cache.messages.search(parseSearchTerms('alpha'), 10).map((m) => m.id)).toEqual(['n1']);
    cache.searchIndex.indexBatch(10);
    checkIndexIntegrity();
    expect(cache.messages.search(parseSearchTerms('alpha'), 10).map((m) => m.id)).toEqual(['n1']);
  });
});

describe('0011-add-unspaced-grams', () => {
  it('sends what was indexed before back to the backlog, so its character pairs are made too', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'grams-migration-'));
    const file = path.join(dir, 'cache.sqlite');
    try {
      const db = connectPlain(file);
      migrate(db, CACHE_MIGRATIONS.slice(0, 10));
      db.prepare("INSERT INTO conversations (id, customer_id, customer_name, channel, team_id, assignee_id, status, language, market, created_at, updated_at, last_message_at, last_message_preview) VALUES ('c1', 'k', 'Yui', 'line', 't', NULL, 'open', 'ja', 'JP', 1, 1, 1, '')").run();
      db.prepare("INSERT INTO messages (id, conversation_id, author, author_name, body, created_at, delivery) VALUES ('m1', 'c1', 'customer', 'Yui', '返品したいです', 1, 'sent')").run();
      db.prepare("INSERT INTO messages_fts (rowid, body) SELECT local_seq, body FROM messages").run();
      db.prepare('DELETE FROM search_backlog').run();
      db.close();
      const cache = Cache.open(file);
      try {
        expect(cache.searchIndex.backlog()).toBe(1);
        expect(cache.messages.search(parseSearchTerms('返品'), 10).map((m) => m.id)).toEqual(['m1']);
        cache.searchIndex.indexBatch(10);
        expect(cache.searchIndex.backlog()).toBe(0);
        expect(cache.messages.search(parseSearchTerms('返品'), 10).map((m) => m.id)).toEqual(['m1']);
        expect(cache.messages.search(parseSearchTerms('す'), 10).map((m) => m.id)).toEqual(['m1']);
        expect(cache.messages.search(parseSearchTerms('品だ'), 10)).toEqual([]);
      } finally {
        cache.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
