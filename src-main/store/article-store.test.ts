import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src-shared/domain/model.js';
import { Cache } from './cache.js';

const demo = (JSON.parse(readFileSync(new URL('../../resources/demo/articles.json', import.meta.url), 'utf8')) as { articles: Omit<Article, 'version' | 'updatedAt' | 'updatedByName'>[] }).articles;

describe('cached knowledge base', () => {
  let dir: string;
  let cache: Cache;
  const ids = (query: string) => cache.articles.search(query, 5).map((match) => match.article.id);

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'articles-'));
    cache = Cache.open(path.join(dir, 'cache.sqlite'));
    for (const article of demo) cache.articles.upsert({ ...article, version: 1, updatedAt: 1, updatedByName: 'Sam' });
  });
  afterAll(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ranks a title match first for a question in English', () => {
    expect(ids('how long does a refund take')[0]).toBe('kb-refund-times');
  });

  it('finds articles in scripts without spaces: Chinese, Japanese and Thai', () => {
    expect(ids('退款需要多久')[0]).toBe('kb-zh-refund');
    expect(ids('返品')).toContain('kb-ja-return');
    expect(ids('เก็บเงินปลายทาง')[0]).toBe('kb-th-cod');
  });

  it('matches two-letter words, accents and German compounds', () => {
    expect(ids('OXXO')[0]).toBe('kb-es-oxxo');
    expect(ids('devolución')).toContain('kb-es-devolucion');
    expect(ids('Widerrufsrecht')[0]).toBe('kb-de-widerruf');
  });

  it('treats search syntax as text and finds nothing for nonsense', () => {
    expect(ids('"refund" OR * NEAR(')).toContain('kb-refund-times');
    expect(ids('qqqxxxzzz')).toEqual([]);
  });

  it('keeps the newest version when an older one arrives later', () => {
    const base = { ...demo[0]!, updatedAt: 5, updatedByName: 'Sam' };
    cache.articles.upsert({ ...base, version: 3, title: 'Refund timing (v3)' });
    cache.articles.upsert({ ...base, version: 2, title: 'Refund timing (v2)' });
    expect(cache.articles.get(base.id)?.title).toBe('Refund timing (v3)');
    expect(ids('timing')).toEqual([base.id]);
  });
});
