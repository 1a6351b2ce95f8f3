import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ArticleDraft, Id } from '../../src-shared/domain/model.js';
import { forkInferenceProcess } from '../ai/fork-inference.js';
import { InferenceClient } from '../ai/inference-client.js';
import { LanguageService } from '../ai/language-service.js';
import { scanInstalledModels } from '../ai/model-library.js';
import { writeTinyBert } from '../ai/testing/tiny-models.js';
import { Cache } from '../store/cache.js';
import { ArticleVectors, type Embedder } from './article-vectors.js';
import { KnowledgeBase } from './knowledge-base.js';

const demo = z.object({ articles: z.array(ArticleDraft.extend({ id: Id })) }).parse(JSON.parse(readFileSync(new URL('../../resources/demo/articles.json', import.meta.url), 'utf8'))).articles;

/**
 * A stand-in for the multilingual model that tests the mechanics, not a model: each text becomes
 * a vector of the concepts it names, whatever the language.
 */
function conceptEmbedder(): Embedder & { calls: number } {
  const concepts = [/refund|reembolso|erstatt|退款|返金|คืนเงิน|เงินคืน/i, /cash on delivery|cod|contra reembolso|เก็บเงินปลายทาง|代引き|货到付款/i, /password|log in|contraseña|รหัสผ่าน/i];
  return {
    calls: 0,
    embeddingModel: () => 'concepts',
    async embed(texts) {
      this.calls += 1;
      return texts.map((text) => {
        const vector: number[] = concepts.map((pattern) => (pattern.test(text) ? 1 : 0));
        vector.push(0.1);
        const norm = Math.hypot(...vector);
        return vector.map((v) => v / norm);
      });
    },
  };
}

describe('knowledge base search', () => {
  let dir: string;
  let cache: Cache;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kb-'));
    cache = Cache.open(path.join(dir, 'cache.sqlite'));
    for (const article of demo) cache.articles.upsert({ ...article, version: 1, updatedAt: 1, updatedByName: 'Sam' });
  });
  afterEach(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds by meaning what shares no word with the question, merged with the word matches (mechanics)', async () => {
    const embedder = conceptEmbedder();
    const vectors = new ArticleVectors(cache, embedder, () => {});
    await vectors.ready();
    const kb = new KnowledgeBase(cache, vectors);
    // A Thai question: no article shares its words except the Thai ones, yet refund articles in any language come up.
    const hits = await kb.search('อยากได้เงินคืน', 10);
    const otherLanguages = hits.filter((hit) => hit.article.locale !== 'th');
    expect(otherLanguages.length).toBeGreaterThanOrEqual(2);
    // Articles in other languages come in by meaning only when they are about refunds, or by their Thai title or tags.
    const byMeaningOnly = otherLanguages.filter((hit) => hit.match?.field === 'meaning');
    expect(byMeaningOnly.length).toBeGreaterThanOrEqual(1);
    for (const hit of byMeaningOnly) expect(`${hit.article.title} ${cache.articles.get(hit.article.id)?.body}`).toMatch(/refund|reembolso|erstatt|退款|返金/i);
    for (const hit of otherLanguages.filter((h) => h.match?.field !== 'meaning')) expect(hit.match?.language).toBe('th');
    // Words and meaning agreeing beat either alone.
    expect((await kb.search('cash on delivery', 3))[0]?.article.id).toBe('kb-cod');
    // Without the model only the words count: Thai articles, and others through their Thai title or tags.
    const byWords = await new KnowledgeBase(cache, null).search('อยากได้เงินคืน', 10);
    expect(byWords.every((hit) => hit.article.locale === 'th' || hit.match?.language === 'th')).toBe(true);
  });

  it('embeds each article once per version and model, again after an edit', async () => {
    const embedder = conceptEmbedder();
    const vectors = new ArticleVectors(cache, embedder, () => {});
    await vectors.ready();
    const calls = embedder.calls;
    await vectors.ready();
    expect(embedder.calls).toBe(calls);
    expect(cache.articles.missingVectors('concepts', 100)).toEqual([]);
    cache.articles.upsert({ ...demo[0]!, version: 2, updatedAt: 2, updatedByName: 'Sam', title: 'Refund timing' });
    expect(cache.articles.missingVectors('concepts', 100).map((a) => a.id)).toEqual([demo[0]!.id]);
    await vectors.ready();
    expect(embedder.calls).toBe(calls + 1);
  });

  it('makes the vectors with the real inference process and a sentence model from disk', async () => {
    const models = path.join(dir, 'models');
    writeTinyBert(models, 'paraphrase-multilingual-MiniLM-L12-v2');
    const client = new InferenceClient({ launch: forkInferenceProcess, log: () => {} });
    try {
      const language = new LanguageService(client, () => scanInstalledModels([models]));
      const vectors = new ArticleVectors(cache, language, () => {});
      await vectors.ready();
      expect(cache.articles.vectors('paraphrase-multilingual-MiniLM-L12-v2').size).toBe(demo.length);
      const hits = await new KnowledgeBase(cache, vectors).search('¿cuánto tarda?', 5);
      expect(hits.map((hit) => hit.article.id)).toContain('kb-es-reembolso');
    } finally {
      client.close();
    }
  });

  it('suggests articles for the intent, the market and the agent language first', () => {
    const kb = new KnowledgeBase(cache, null);
    const conversation = { market: 'MX', insight: { intent: 'refund', intentLabel: 'Refund', sentiment: 'neutral' as const, priority: 0, language: 'es' } };
    const agent = { language: 'es' };
    const ids = kb.suggestions(conversation as never, agent as never).map((hit) => hit.article.id);
    expect(ids[0]).toBe('kb-es-reembolso');
    expect(ids).not.toContain('kb-de-widerruf');
    expect(ids).not.toContain('kb-th-return');
  });
});
