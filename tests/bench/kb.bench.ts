// npm run bench -- kb: knowledge-base search. Last line: one JSON object.
//   MODEL_DIR=/path/to/models   a real sentence-embedding model (paraphrase-multilingual-MiniLM-L12-v2); the tiny test model otherwise
//   KB_MESSAGES / KB_ARTICLES   sizes (default 1,000,000 and 10,000)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { ArticleDraft, Id } from '../../src-shared/domain/model.js';
import { forkInferenceProcess } from '../../src-main/ai/fork-inference.js';
import { InferenceClient } from '../../src-main/ai/inference-client.js';
import { LanguageService } from '../../src-main/ai/language-service.js';
import { scanInstalledModels } from '../../src-main/ai/model-library.js';
import { writeTinyBert } from '../../src-main/ai/testing/tiny-models.js';
import { ArticleVectors } from '../../src-main/kb/article-vectors.js';
import { KnowledgeBase } from '../../src-main/kb/knowledge-base.js';
import { Cache } from '../../src-main/store/cache.js';
import { connectPlain } from '../../src-main/store/cache-cipher.js';
import { likePatternOf, parseSearchTerms } from '../../src-main/store/search-terms.js';
import { fillMessageCorpus, MESSAGE_QUERIES } from './support/message-corpus.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const MESSAGES = Number(process.env.KB_MESSAGES ?? 1_000_000);
const ARTICLES = Number(process.env.KB_ARTICLES ?? 10_000);
const CONVERSATIONS = 20_000;
const QUERIES = ['how long does a refund take', 'cash on delivery', 'reembolso tarjeta', 'Widerrufsrecht', 'เก็บเงินปลายทาง', '退款需要多久', '返品', 'OXXO', 'change delivery address', 'invoice VAT'];

const round = (value: number) => Math.round(value * 100) / 100;
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function fillMessages(cache: Cache): void {
  fillMessageCorpus(cache, MESSAGES, CONVERSATIONS);
  while (cache.searchIndex.indexBatch(50_000) > 0);
}

/** Share of the cache the phrase query matches, by a plain scan (so the figure does not depend on the index). */
function matchShare(file: string, query: string): number {
  const db = connectPlain(file);
  try {
    const terms = query.split(' ');
    const where = terms.map(() => "body LIKE ? ESCAPE '\\'").join(' AND ');
    const count = db.prepare<string[], number>(`SELECT count(*) FROM messages WHERE ${where}`).pluck().get(...terms.map(likePatternOf)) ?? 0;
    return count / MESSAGES;
  } finally {
    db.close();
  }
}

function fillArticles(cache: Cache): void {
  const demo = z.object({ articles: z.array(ArticleDraft.extend({ id: Id })) }).parse(JSON.parse(readFileSync(path.join(root, 'resources/demo/articles.json'), 'utf8'))).articles;
  cache.transaction(() => {
    for (let n = 0; n < ARTICLES; n++) {
      const base = demo[n % demo.length]!;
      cache.articles.upsert({ ...base, id: `${base.id}-${n}`, title: `${base.title} (${n})`, body: `${base.body}\n\nCase ${n}.`, version: 1, updatedAt: n, updatedByName: 'Bench' });
    }
  });
}

async function timeQueries(run: (query: string) => Promise<unknown> | unknown, rounds: number, queries = QUERIES): Promise<number[]> {
  for (const query of queries) await run(query);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const query of queries) {
      const start = performance.now();
      await run(query);
      times.push(performance.now() - start);
    }
  }
  return times;
}

const dir = mkdtempSync(path.join(tmpdir(), 'bench-kb-'));
const client = new InferenceClient({ launch: forkInferenceProcess, log: (m) => console.error(`[bench] ${m}`) });
try {
  const cache = Cache.open(path.join(dir, 'cache.sqlite'));
  let start = performance.now();
  fillMessages(cache);
  fillArticles(cache);
  console.error(`[bench] ${MESSAGES} messages and ${ARTICLES} articles cached and indexed in ${Math.round(performance.now() - start)} ms`);

  const byWords = new KnowledgeBase(cache, null);
  const fts = await timeQueries((query) => byWords.search(query, 10), 10);
  const messageSearch: Record<string, number[]> = {};
  for (const [kind, queries] of Object.entries(MESSAGE_QUERIES)) {
    messageSearch[kind] = await timeQueries((query) => cache.messages.search(parseSearchTerms(query), 20), 8, queries);
  }
  const everyMessageSearch = Object.values(messageSearch).flat();
  const phraseShare = matchShare(path.join(dir, 'cache.sqlite'), MESSAGE_QUERIES['phrase-10pct']![0]!);

  const modelDir = process.env.MODEL_DIR ? path.resolve(process.env.MODEL_DIR) : path.join(dir, 'models');
  if (!process.env.MODEL_DIR) writeTinyBert(modelDir, 'paraphrase-multilingual-MiniLM-L12-v2');
  const language = new LanguageService(client, () => scanInstalledModels([modelDir]));
  const model = language.embeddingModel();
  if (!model) throw new Error(`No sentence-embedding model in ${modelDir}.`);
  const vectors = new ArticleVectors(cache, language, (m, e) => console.error(`[bench] ${m}`, e ?? ''));
  start = performance.now();
  await vectors.ready();
  const embedAllMs = performance.now() - start;
  const semantic = await timeQueries((query) => vectors.rank(query, 50), 5);
  cache.close();

  console.log(
    JSON.stringify({
      messages: MESSAGES,
      articles: ARTICLES,
      fts_p50_ms: round(percentile(fts, 50)),
      fts_p99_ms: round(percentile(fts, 99)),
      message_fts_p50_ms: round(percentile(everyMessageSearch, 50)),
      message_fts_p99_ms: round(percentile(everyMessageSearch, 99)),
      message_search_ms: Object.fromEntries(Object.entries(messageSearch).map(([kind, times]) => [kind, { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) }])),
      message_phrase_match_share: round(phraseShare),
      model: process.env.MODEL_DIR ? model : `tiny-random-${model}`,
      semantic_p50_ms: round(percentile(semantic, 50)),
      semantic_p99_ms: round(percentile(semantic, 99)),
      embed_all_articles_s: round(embedAllMs / 1000),
      node: process.version,
    }),
  );
} finally {
  client.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
