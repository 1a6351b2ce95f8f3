import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ArticleDraft, Id } from '../../src-shared/domain/model.js';
import { Cache } from './cache.js';

const demo = z.object({ articles: z.array(ArticleDraft.extend({ id: Id })) }).parse(JSON.parse(readFileSync(new URL('../../resources/demo/articles.json', import.meta.url), 'utf8'))).articles;

describe('cached knowledge base', () => {
  let dir: string;
  let cache: Cache;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'articles-'));
    cache = Cache.open(path.join(dir, 'cache.sqlite'));
    for (const article of demo) cache.articles.upsert({ ...article, version: 1, updatedAt: 1, updatedByName: 'Sam' });
  });
  afterAll(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a term in titles, tags, titles in other languages and bodies, by index or, below three characters, by scan', () => {
    expect(cache.articles.containing('oxxo', 10).sort()).toEqual(['kb-es-oxxo', 'kb-payment-methods']);
    // A Thai title of an English article, and a tag.
    expect(cache.articles.containing('ที่อยู่จัดส่ง', 10)).toEqual(['kb-change-address']);
    expect(cache.articles.containing('fapiao', 10)).toEqual(['kb-zh-fapiao']);
    expect(cache.articles.containing('返品', 10).sort()).toEqual(['kb-ja-return', 'kb-return-policy']);
    expect(cache.articles.containing('"refund" or *', 10)).toEqual([]);
    expect(cache.articles.get('kb-change-address')?.titles.map((entry) => entry.locale)).toEqual(['th', 'zh', 'ja', 'ar', 'de']);
    expect(cache.articles.locales()).toEqual(['de', 'en', 'es', 'ja', 'th', 'zh']);
  });

  it('keeps the newest version when an older one arrives later, and its labels with it', () => {
    const base = { ...demo[0]!, updatedAt: 5, updatedByName: 'Sam' };
    cache.articles.upsert({ ...base, version: 3, title: 'Refund timing (v3)', titles: [{ locale: 'fr', title: 'Délai de remboursement', tags: [] }] });
    cache.articles.upsert({ ...base, version: 2, title: 'Refund timing (v2)', titles: [] });
    expect(cache.articles.get(base.id)?.title).toBe('Refund timing (v3)');
    expect(cache.articles.containing('timing', 10)).toEqual([base.id]);
    expect(cache.articles.containing('remboursement', 10)).toEqual([base.id]);
  });
});
