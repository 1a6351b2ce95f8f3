import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseJson } from '../../../src-node/json-file.js';
import { intentFeatures } from './intent-features.js';

/**
 * resources/ai/intent-model.json: written by scripts/train-intent-model.ts, never by hand. The
 * features are hashed into a fixed number of buckets, and each bucket's weights (one per class)
 * are stored as signed bytes in base64: a few hundred kilobytes for a hundred thousand features.
 */
export const IntentModelFile = z.object({
  version: z.literal(1),
  note: z.string().optional(),
  /** An intent id, or null for messages that ask for none. */
  classes: z.array(z.string().nullable()).min(2),
  bias: z.array(z.number()),
  buckets: z.number().int().positive(),
  /** A stored byte divided by this is the weight. */
  scale: z.number().positive(),
  /** Bucket after bucket, a signed byte per class. */
  table: z.string(),
});
export type IntentModelFile = z.infer<typeof IntentModelFile>;

export interface IntentGuess {
  intent: string | null;
  probability: number;
}

/**
 * A linear (softmax) classifier over character n-grams and word pairs, learned from labelled
 * customer messages: it hears phrasings near those it was trained on that no cue list holds.
 * Scoring a message is one pass over its features (well under a millisecond).
 */
export class IntentModel {
  readonly classes: readonly (string | null)[];
  private readonly bias: readonly number[];
  private readonly table: Int8Array;
  private readonly buckets: number;
  private readonly scale: number;

  constructor(file: IntentModelFile) {
    const k = file.classes.length;
    const bytes = Buffer.from(file.table, 'base64');
    if (file.bias.length !== k || bytes.length !== file.buckets * k) throw new Error('The intent model is damaged: its table does not match its classes.');
    this.classes = file.classes;
    this.bias = file.bias;
    this.buckets = file.buckets;
    this.scale = file.scale;
    this.table = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  /** Every class with its probability, the likeliest first. */
  rank(text: string): IntentGuess[] {
    const k = this.classes.length;
    const rows = featureBuckets(intentFeatures(text), this.buckets);
    const scores = [...this.bias];
    const weight = rows.length > 0 ? 1 / (Math.sqrt(rows.length) * this.scale) : 0;
    for (const row of rows) for (let c = 0; c < k; c++) scores[c]! += this.table[row * k + c]! * weight;
    return softmax(scores)
      .map((probability, index) => ({ intent: this.classes[index]!, probability }))
      .sort((a, b) => b.probability - a.probability);
  }
}

export function loadIntentModel(file: string): IntentModel {
  return new IntentModel(parseJson(readFileSync(file, 'utf8'), file, IntentModelFile));
}

/** The distinct buckets a message's features fall in (FNV-1a of each feature). */
export function featureBuckets(features: readonly string[], buckets: number): number[] {
  const found = new Set<number>();
  for (const feature of features) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < feature.length; i++) hash = Math.imul(hash ^ feature.charCodeAt(i), 0x01000193);
    found.add((hash >>> 0) % buckets);
  }
  return [...found];
}

export function softmax(scores: readonly number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - top));
  const sum = exps.reduce((total, value) => total + value, 0);
  return exps.map((value) => value / sum);
}
