import type { ConversationInsight, Sentiment } from '../../../src-shared/api/contract.js';
import { SENTIMENTS } from '../../../src-shared/api/contract.js';
import type { TextAnalyser, TextAnalysis } from '../message-analyser.js';
import { detectLanguage } from '../detect-language.js';
import type { IntentDefinitions } from './definitions.js';
import { IntentCues } from './intent-cues.js';
import type { IntentModel } from './intent-model.js';
import { settleIntent } from './intent-vote.js';
import { SentimentLexicon, sentimentOf } from './lexicon.js';
import { NgramIndex, sparseCosine } from './ngram-vectors.js';

/** What the analyser needs of the language service: sentence vectors, when a model is installed. */
export interface SentenceEmbedder {
  embeddingModel(): string | null;
  embed(texts: string[], options?: { priority?: 'background' | 'interactive' }): Promise<number[][] | null>;
}

/** Cosine similarity an intent's closest example must reach; below it the message has no intent. */
const EMBEDDING_INTENT_MIN = 0.45;
/** Lead the closest intent must have over the next one: a near tie is no answer. Not tuned: no real model runs here. */
const EMBEDDING_MARGIN = 0.05;
/** N-gram likeness an intent's closest example must reach, and its lead over the next intent's (dev set, cues removed). */
const NGRAM_INTENT_MIN = 0.5;
const NGRAM_MARGIN = 0.1;
/** Examples per class averaged for sentiment by embedding. */
const SENTIMENT_NEIGHBOURS = 3;
/** Customer messages back that an upset tone still counts, unless they have since thanked us. */
const NEGATIVE_MEMORY = 3;

interface Labelled {
  intent: string[];
  sentiment: Sentiment[];
  intentTexts: string[];
  sentimentTexts: string[];
}

/**
 * Intent and sentiment from the editable definitions file: by similarity to its examples in a
 * multilingual sentence-embedding space when that model is installed (examples in one language
 * then classify messages in another), else by its cue words. Either way it abstains when unsure
 * (a near tie, cues for two intents, model and cues disagreeing): a wrong intent brings the wrong
 * regional note and articles, which is worse than none.
 */
export class DefinitionsAnalyser implements TextAnalyser {
  private readonly labelled: Labelled;
  private readonly ngrams: NgramIndex;
  private readonly cues: IntentCues;
  private readonly cuedIntents: Set<string>;
  private readonly lexicon: SentimentLexicon;
  private readonly labels: Map<string, string>;
  private exampleVectors: { model: string; vectors: Promise<{ intent: number[][]; sentiment: number[][] }> } | null = null;

  constructor(
    private readonly definitions: IntentDefinitions,
    private readonly embedder: SentenceEmbedder,
    private readonly log: (message: string, error?: unknown) => void = () => {},
    /** The learned model (resources/ai/intent-model.json), which hears phrasings the cues miss and doubts cues it contradicts. */
    private readonly model: IntentModel | null = null,
  ) {
    this.labelled = label(definitions);
    this.ngrams = new NgramIndex(this.labelled.intentTexts);
    this.cues = new IntentCues(definitions.intents, definitions.negations);
    this.cuedIntents = new Set(definitions.intents.filter((intent) => intent.cues.length > 0).map((intent) => intent.id));
    this.lexicon = new SentimentLexicon(definitions.sentiment.lexicon);
    this.labels = new Map(definitions.intents.map((intent) => [intent.id, intent.label]));
  }

  detectLanguage(text: string, hints: readonly string[]): string | null {
    return detectLanguage(text, hints)?.language ?? null;
  }

  async analyse(text: string): Promise<TextAnalysis> {
    const lexical = this.lexicon.score(text);
    if (this.embedder.embeddingModel()) {
      try {
        return await this.byEmbedding(text, lexical);
      } catch (error) {
        this.log('Intent by embedding failed; using keywords for this message.', error);
      }
    }
    return this.byKeywords(text, lexical);
  }

  fold(recent: readonly { intent: string | null; sentiment: Sentiment; sentimentScore: number }[]): Omit<ConversationInsight, 'language'> {
    const intent = recent.find((insight) => insight.intent !== null)?.intent ?? null;
    const newest = recent[0]?.sentiment ?? 'neutral';
    const upsetLately = recent.slice(0, NEGATIVE_MEMORY).some((insight) => insight.sentiment === 'negative');
    const sentiment: Sentiment = newest === 'positive' ? 'positive' : upsetLately ? 'negative' : newest;
    return { intent, intentLabel: intent ? (this.labels.get(intent) ?? intent) : null, sentiment, priority: priorityFor(sentiment, intent) };
  }

  private byKeywords(text: string, lexical: { score: number }): TextAnalysis {
    const verdict = this.cues.judge(text);
    const settled = this.model
      ? settleIntent(verdict, this.model.rank(text), (intent) => this.labels.has(intent))
      : verdict.intent && { intent: verdict.intent, score: verdict.share };
    const guess = settled || (verdict.heard ? null : this.byExamples(text));
    const score = adjustForComplaint(lexical.score, guess?.intent ?? null);
    return { intent: guess?.intent ?? null, intentScore: guess?.score ?? null, sentiment: sentimentOf(score), sentimentScore: score, method: 'keywords' };
  }

  /**
   * Character n-gram likeness to the examples, for intents that have no cues (a company's own
   * file may have none). Where cues exist it only added wrong answers on the dev set.
   */
  private byExamples(text: string): { intent: string; score: number } | null {
    if (this.cuedIntents.size === this.labels.size) return null;
    const vector = this.ngrams.vectorOf(text);
    const [first, second] = rankIntents(this.labelled.intent, (index) => sparseCosine(vector, this.ngrams.vectors[index] ?? new Map()));
    if (!first || this.cuedIntents.has(first.intent) || first.score < NGRAM_INTENT_MIN || first.score - (second?.score ?? 0) < NGRAM_MARGIN) return null;
    return first;
  }

  private async byEmbedding(text: string, lexical: { score: number; cues: number }): Promise<TextAnalysis> {
    const examples = await this.examples();
    const [vector] = (await this.embedder.embed([text])) ?? [];
    if (!vector) throw new Error('The embedding model returned no vector.');
    const [first, second] = rankIntents(this.labelled.intent, (index) => dot(vector, examples.intent[index] ?? []));
    const sure = first && first.score >= EMBEDDING_INTENT_MIN && first.score - (second?.score ?? 0) >= EMBEDDING_MARGIN ? first.intent : null;
    const cued = this.cues.judge(text).intent;
    // Cue words and the model each may speak alone; when both speak and disagree, neither is trusted.
    const intent = sure && cued && sure !== cued ? null : (sure ?? cued);
    const semantic = sentimentBySimilarity(vector, examples.sentiment, this.labelled.sentiment);
    // Explicit cue words outweigh a near-tie in the embedding space.
    const blended = lexical.cues > 0 ? (semantic + 2 * lexical.score) / 3 : semantic;
    const score = adjustForComplaint(blended, intent);
    return { intent, intentScore: first?.score ?? null, sentiment: sentimentOf(score), sentimentScore: score, method: 'embedding' };
  }

  /** The examples' vectors, computed once per embedding model. */
  private examples(): Promise<{ intent: number[][]; sentiment: number[][] }> {
    const model = this.embedder.embeddingModel() ?? '';
    if (this.exampleVectors?.model !== model) {
      const vectors = this.embedAll();
      vectors.catch(() => {
        if (this.exampleVectors?.vectors === vectors) this.exampleVectors = null;
      });
      this.exampleVectors = { model, vectors };
    }
    return this.exampleVectors.vectors;
  }

  private async embedAll(): Promise<{ intent: number[][]; sentiment: number[][] }> {
    const intent = await this.embedBatch(this.labelled.intentTexts);
    const sentiment = await this.embedBatch(this.labelled.sentimentTexts);
    return { intent, sentiment };
  }

  private async embedBatch(texts: string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += 64) {
      const batch = await this.embedder.embed(texts.slice(start, start + 64));
      if (!batch) throw new Error('The embedding model went away.');
      vectors.push(...batch);
    }
    return vectors;
  }
}

/** Negative sentiment raises the priority; an upset customer with a complaint raises it more. */
export function priorityFor(sentiment: Sentiment, intent: string | null): number {
  if (sentiment !== 'negative') return 0;
  return intent === 'complaint' ? 2 : 1;
}

function label(definitions: IntentDefinitions): Labelled {
  const intent: string[] = [];
  const intentTexts: string[] = [];
  for (const entry of definitions.intents) {
    for (const example of entry.examples) {
      intent.push(entry.id);
      intentTexts.push(example);
    }
  }
  const sentiment: Sentiment[] = [];
  const sentimentTexts: string[] = [];
  for (const kind of SENTIMENTS) {
    for (const example of definitions.sentiment.examples[kind]) {
      sentiment.push(kind);
      sentimentTexts.push(example);
    }
  }
  return { intent, sentiment, intentTexts, sentimentTexts };
}

/** Each intent with the similarity of its closest example, closest first. */
function rankIntents(labels: readonly string[], similarity: (index: number) => number): { intent: string; score: number }[] {
  const best = new Map<string, number>();
  labels.forEach((intent, index) => best.set(intent, Math.max(best.get(intent) ?? -Infinity, similarity(index))));
  return [...best].map(([intent, score]) => ({ intent, score })).sort((a, b) => b.score - a.score);
}

/** Positive minus negative: the mean similarity of the closest examples of each. */
function sentimentBySimilarity(vector: number[], examples: number[][], labels: readonly Sentiment[]): number {
  const closest = (kind: Sentiment) => {
    const scores = examples.filter((_, index) => labels[index] === kind).map((example) => dot(vector, example));
    const top = scores.sort((a, b) => b - a).slice(0, SENTIMENT_NEIGHBOURS);
    return top.reduce((sum, score) => sum + score, 0) / Math.max(1, top.length);
  };
  const neutral = closest('neutral');
  const spread = closest('positive') - closest('negative');
  // Closer to the neutral examples than to either side: no tone to speak of.
  return Math.max(closest('positive'), closest('negative')) < neutral ? spread / 4 : spread * 2;
}

function adjustForComplaint(score: number, intent: string | null): number {
  return intent === 'complaint' ? Math.min(score, -0.3) : score;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}
