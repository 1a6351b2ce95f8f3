import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ArticleDraft, Id } from '../../src-shared/domain/model.js';
import { Cache } from '../store/cache.js';
import { KnowledgeBase } from './knowledge-base.js';

const demo = z.object({ articles: z.array(ArticleDraft.extend({ id: Id })) }).parse(JSON.parse(readFileSync(new URL('../../resources/demo/articles.json', import.meta.url), 'utf8'))).articles;

describe('knowledge-base search by words', () => {
  let dir: string;
  let cache: Cache;
  let kb: KnowledgeBase;
  const ids = async (query: string) => (await kb.search(query, 5)).map((hit) => hit.article.id);

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kb-words-'));
    cache = Cache.open(path.join(dir, 'cache.sqlite'));
    for (const article of demo) cache.articles.upsert({ ...article, version: 1, updatedAt: 1, updatedByName: 'Sam' });
    kb = new KnowledgeBase(cache, null);
  });
  afterAll(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ranks a title match first for a question in English', async () => {
    expect((await ids('how long does a refund take'))[0]).toBe('kb-refund-times');
  });

  it('finds articles in scripts without spaces: Chinese, Japanese and Thai', async () => {
    expect(await ids('退款需要多久')).toContain('kb-zh-refund');
    expect(await ids('返品')).toContain('kb-ja-return');
    expect((await ids('เก็บเงินปลายทาง')).slice(0, 2).sort()).toEqual(['kb-cod', 'kb-th-cod']);
    // The English article has the same Thai title; a Thai agent sees the Thai one first.
    expect((await kb.search('เก็บเงินปลายทาง', 5, 'th'))[0]?.article.id).toBe('kb-th-cod');
  });

  it('matches two-letter words, accents and German compounds', async () => {
    expect((await ids('OXXO'))[0]).toBe('kb-es-oxxo');
    expect(await ids('devolución')).toContain('kb-es-devolucion');
    expect((await ids('Widerrufsrecht'))[0]).toBe('kb-de-widerruf');
  });

  it('treats search syntax as text and finds nothing for nonsense', async () => {
    expect(await ids('"refund" OR * NEAR(')).toContain('kb-refund-times');
    expect(await ids('qqqxxxzzz')).toEqual([]);
  });
});
