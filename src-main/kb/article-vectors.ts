import type { Article } from '../../src-shared/domain/model.js';
import type { InferencePriority } from '../ai/inference-client.js';
import type { Cache } from '../store/cache.js';
import { plainText } from './knowledge-base.js';

/** What search by meaning needs of the language service. */
export interface Embedder {
  embeddingModel(): string | null;
  embed(texts: string[], options?: { priority?: InferencePriority }): Promise<number[][] | null>;
}

const BATCH = 32;
/**
 * Below this cosine similarity an article is not about the question: paraphrase models put
 * unrelated sentences around 0–0.2 and related ones above 0.4. Without the cut every article
 * would enter the merged ranking and drown the word matches.
 */
const MIN_SIMILARITY = 0.35;
/** The opening of an article says what it is about; the rest would only dilute the vector. */
const EMBEDDED_CHARS = 1_000;

/**
 * Sentence vectors of the articles, made in the background with the multilingual embedding
 * model and kept in SQLite per model and version, so a Thai question finds an English article.
 */
export class ArticleVectors {
  private filling: Promise<void> | null = null;
  private loaded: { model: string; vectors: Map<string, Float32Array> } | null = null;

  constructor(
    private readonly cache: Cache,
    private readonly embedder: Embedder,
    private readonly log: (message: string, error?: unknown) => void,
  ) {}

  /** Articles changed or a model arrived: embed what lacks a vector. */
  kick(): void {
    this.filling ??= this.fill().finally(() => {
      this.filling = null;
    });
  }

  /** Resolves when every article has a vector (tests, benchmarks). */
  async ready(): Promise<void> {
    this.kick();
    await this.filling;
  }

  /** Articles closest in meaning to the query, best first; empty without the model. */
  async rank(query: string, limit: number): Promise<{ id: string; score: number }[]> {
    const model = this.embedder.embeddingModel();
    if (!model) return [];
    const [vector] = (await this.embedder.embed([query], { priority: 'interactive' })) ?? [];
    if (!vector) return [];
    const scored: { id: string; score: number }[] = [];
    for (const [id, article] of this.vectorsOf(model)) {
      const score = dot(vector, article);
      if (score >= MIN_SIMILARITY) scored.push({ id, score });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  private vectorsOf(model: string): Map<string, Float32Array> {
    if (this.loaded?.model !== model) this.loaded = { model, vectors: this.cache.articles.vectors(model) };
    return this.loaded.vectors;
  }

  private async fill(): Promise<void> {
    try {
      for (;;) {
        const model = this.embedder.embeddingModel();
        if (!model) return;
        const batch = this.cache.articles.missingVectors(model, BATCH);
        if (batch.length === 0) return;
        const vectors = await this.embedder.embed(batch.map(textOf));
        if (!vectors || this.embedder.embeddingModel() !== model) return;
        this.cache.articles.saveVectors(model, batch.map((article, i) => ({ article, vector: Float32Array.from(vectors[i] ?? []) })));
        this.loaded = null;
      }
    } catch (error) {
      this.log('Could not embed knowledge-base articles; search by words still works.', error);
    }
  }
}

function textOf(article: Article): string {
  return `${article.title}\n${plainText(article.body).slice(0, EMBEDDED_CHARS)}`;
}

function dot(a: readonly number[], b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < b.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}
