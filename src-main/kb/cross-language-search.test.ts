import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ArticleDraft, Id } from '../../src-shared/domain/model.js';
import { Cache } from '../store/cache.js';
import { searchTermsOf } from './article-match.js';
import { KnowledgeBase } from './knowledge-base.js';
import type { QueryTranslator } from './query-translation.js';

const demo = z.object({ articles: z.array(ArticleDraft.extend({ id: Id })) }).parse(JSON.parse(readFileSync(new URL('../../resources/demo/articles.json', import.meta.url), 'utf8'))).articles;

/**
 * The questions are written for this test, as agents and customers would type them, not taken
 * from the articles or from resources/ai/intents.json.
 */
describe('knowledge-base search across languages without the embedding model', () => {
  let dir: string;
  let cache: Cache;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kb-x-'));
    cache = Cache.open(path.join(dir, 'cache.sqlite'));
    for (const article of demo) cache.articles.upsert({ ...article, version: 1, updatedAt: 1, updatedByName: 'Sam' });
  });
  afterEach(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ids = async (kb: KnowledgeBase, query: string, agentLanguage: string | null = null) => (await kb.search(query, 10, agentLanguage)).map((hit) => hit.article.id);

  it('finds the address-change article, written in English and Spanish only, from a Thai question', async () => {
    const kb = new KnowledgeBase(cache, null);
    // "Moved house; I want to fix the address the parcel goes to."
    const hits = await kb.search('ย้ายบ้านแล้ว อยากแก้ที่อยู่ที่จะให้ส่งพัสดุไป', 10, 'th');
    expect(hits[0]?.article.id).toBe('kb-change-address');
    expect(hits[0]?.article.locale).toBe('en');
    expect(hits[0]?.match).toMatchObject({ language: 'th', translated: false });
    expect(['title', 'tag']).toContain(hits[0]?.match?.field);
    expect(hits[0]?.match?.terms).toContain('ที่อยู่');
    // Shown to a Thai agent under its Thai title; to an English one under its own.
    expect(hits[0]?.title).toBe('เปลี่ยนที่อยู่จัดส่ง');
    expect(hits[0]?.match?.title).toBeNull();
    const forEnglish = (await kb.search('ย้ายบ้านแล้ว อยากแก้ที่อยู่ที่จะให้ส่งพัสดุไป', 10, 'en'))[0];
    expect([forEnglish?.title, forEnglish?.match?.title]).toEqual(['Changing a delivery address', 'เปลี่ยนที่อยู่จัดส่ง']);
  });

  it('finds it from Chinese, Japanese and Arabic questions too, among the first three', async () => {
    const kb = new KnowledgeBase(cache, null);
    const found = async (query: string, language: string) => {
      const hits = await kb.search(query, 10, language);
      const index = hits.findIndex((hit) => hit.article.id === 'kb-change-address');
      return { index, language: hits[index]?.match?.language };
    };
    // "The order hasn't shipped yet; I'd like to switch to another recipient address." (换 is also "exchange": the size-exchange article may come first.)
    expect(await found('订单还没发出，我想换一个收件地址', 'zh')).toEqual({ index: expect.toSatisfy((i: number) => i >= 0 && i < 3), language: 'zh' });
    // "I moved, so I want to change where it is delivered to."
    expect(await found('引っ越したので、届け先の住所を変えてほしいです', 'ja')).toEqual({ index: expect.toSatisfy((i: number) => i >= 0 && i < 3), language: 'ja' });
    // "I moved to a new flat; can the shipment's address be edited?"
    expect(await found('انتقلت إلى شقة جديدة، هل يمكن تعديل عنوان الشحنة؟', 'ar')).toEqual({ index: expect.toSatisfy((i: number) => i >= 0 && i < 3), language: 'ar' });
  });

  it('ranks a title or tag match above a match in the body only', async () => {
    const kb = new KnowledgeBase(cache, null);
    // "carrier" is in the bodies of several articles, in no title; "tracking" is in a title.
    const hits = await kb.search('carrier tracking', 10);
    expect(hits[0]?.article.id).toBe('kb-track-order');
    expect(hits[0]?.match?.field).toBe('title');
    expect(hits.slice(1).some((hit) => hit.match?.field === 'body')).toBe(true);
  });

  it('returns nothing for a question no article is about, in any script', async () => {
    const kb = new KnowledgeBase(cache, null);
    expect(await ids(kb, 'purple giraffe umbrella')).toEqual([]);
    // "An elephant flies over the moon."
    expect(await ids(kb, 'ช้างบินข้ามดวงจันทร์', 'th')).toEqual([]);
    // "Giraffes like to eat leaves."
    expect(await ids(kb, '长颈鹿喜欢吃树叶', 'zh')).toEqual([]);
    expect(await ids(kb, 'زرافة بنفسجية تطير فوق القمر', 'ar')).toEqual([]);
  });

  it('with a pair model, also searches the question translated into the articles\u2019 languages (mechanics)', async () => {
    // A stand-in for a Portuguese→English pair model: the test is of the plumbing, not of a model.
    const asked: string[] = [];
    const translator: QueryTranslator = {
      canTranslate: (from, to) => from === 'pt' && to === 'en',
      async translate(text, from, to) {
        asked.push(`${from}>${to}`);
        return { body: 'I want to change my delivery address' };
      },
    };
    // Portuguese: no article has a Portuguese title.
    const question = 'Quero mudar o endereço para onde vai a encomenda';
    expect(await ids(new KnowledgeBase(cache, null), question, 'pt')).not.toContain('kb-change-address');
    const hits = await new KnowledgeBase(cache, null, translator).search(question, 10, 'pt');
    expect(asked).toEqual(['pt>en']);
    const hit = hits.find((h) => h.article.id === 'kb-change-address');
    expect(hit?.match).toMatchObject({ language: 'en', translated: true });
    expect(hit?.match?.terms).toEqual(expect.arrayContaining(['address', 'delivery']));
  });

  it('does not wait long for a translation that does not come, and cancels it', async () => {
    let signal: AbortSignal | undefined;
    const translator: QueryTranslator = {
      canTranslate: () => true,
      translate: (_text, _from, _to, options) =>
        new Promise((_resolve, reject) => {
          signal = options?.signal;
          options?.signal?.addEventListener('abort', () => reject(new Error('cancelled')));
        }),
    };
    const hits = await new KnowledgeBase(cache, null, translator).search('ย้ายบ้านแล้ว อยากแก้ที่อยู่ที่จะให้ส่งพัสดุไป', 10, 'th');
    expect(hits[0]?.article.id).toBe('kb-change-address');
    expect(signal?.aborted).toBe(true);
  });
});

describe('search terms', () => {
  it('keeps Thai words whole through compatibility folding (สำหรับ, "for", is one word)', () => {
    expect(searchTermsOf('แก้ที่อยู่สำหรับส่งของ').filter((term) => !term.joined).map((term) => term.text)).toContain('สำหรับ');
    expect(searchTermsOf('ＡＢＣ　返品').map((term) => term.text)).toEqual(expect.arrayContaining(['abc', '返品']));
  });
});
