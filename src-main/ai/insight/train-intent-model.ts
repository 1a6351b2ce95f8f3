import { intentFeatures } from './intent-features.js';
import { featureBuckets, softmax, type IntentModelFile } from './intent-model.js';
import { seededRandom as seeded } from '../../../src-shared/domain/seeded-random.js';

export interface TrainingMessage {
  text: string;
  /** The intent it asks for, or null when it asks for none. */
  intent: string | null;
}

export interface TrainingOptions {
  /** Buckets the features are hashed into: more keeps more apart, and makes the file larger. */
  buckets?: number;
  epochs?: number;
  /** L2 shrinkage per update, so no single gram outweighs the rest. */
  l2?: number;
  learningRate?: number;
}

const DEFAULTS: Required<TrainingOptions> = { buckets: 1 << 14, epochs: 30, l2: 1e-4, learningRate: 0.2 };

/**
 * Trains the softmax intent model by AdaGrad over the messages, in an order shuffled from a fixed
 * seed: the same messages give the same file, byte for byte. The classes are null (no intent)
 * first, then the intents in the order given.
 */
export function trainIntentModel(messages: readonly TrainingMessage[], intents: readonly string[], options: TrainingOptions = {}): IntentModelFile {
  const { buckets, epochs, l2, learningRate } = { ...DEFAULTS, ...options };
  const classes: (string | null)[] = [null, ...intents];
  const classOf = new Map(classes.map((intent, index) => [intent, index]));
  const rows = messages.map((message) => featureBuckets(intentFeatures(message.text), buckets));
  const targets = messages.map((message) => {
    const target = classOf.get(message.intent);
    if (target === undefined) throw new Error(`A training message is labelled "${message.intent}", which is not among the intents.`);
    return target;
  });

  const k = classes.length;
  const weights = new Float64Array(buckets * k);
  const squares = new Float64Array(buckets * k).fill(1e-8);
  const bias = new Float64Array(k);
  const biasSquares = new Float64Array(k).fill(1e-8);
  const order = messages.map((_, index) => index);
  const random = seeded(19);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    for (const m of order) {
      const row = rows[m]!;
      const scale = row.length > 0 ? 1 / Math.sqrt(row.length) : 0;
      const scores = Float64Array.from(bias);
      for (const f of row) for (let c = 0; c < k; c++) scores[c]! += weights[f * k + c]! * scale;
      const probabilities = softmax(Array.from(scores));
      for (let c = 0; c < k; c++) {
        const error = probabilities[c]! - (c === targets[m] ? 1 : 0);
        biasSquares[c]! += error * error;
        bias[c]! -= (learningRate * error) / Math.sqrt(biasSquares[c]!);
        for (const f of row) {
          const at = f * k + c;
          const gradient = error * scale + l2 * weights[at]!;
          squares[at]! += gradient * gradient;
          weights[at]! -= (learningRate * gradient) / Math.sqrt(squares[at]!);
        }
      }
    }
  }

  return { version: 1, classes, bias: Array.from(bias, (value) => Math.round(value * 1000) / 1000), buckets, ...quantise(weights, k) };
}

/**
 * Weights as signed bytes. The same amount added to every class of a bucket changes no
 * probability, so each bucket's weights are first moved by their median: they then span less.
 */
function quantise(weights: Float64Array, k: number): { scale: number; table: string } {
  const centred = new Float64Array(weights.length);
  let largest = 0;
  for (let at = 0; at < weights.length; at += k) {
    const row = weights.subarray(at, at + k);
    const median = [...row].sort((a, b) => a - b)[Math.floor(k / 2)]!;
    for (let c = 0; c < k; c++) {
      centred[at + c] = row[c]! - median;
      largest = Math.max(largest, Math.abs(centred[at + c]!));
    }
  }
  const scale = Math.round((127 / Math.max(largest, 1e-9)) * 1000) / 1000;
  const bytes = Int8Array.from(centred, (weight) => Math.max(-127, Math.min(127, Math.round(weight * scale))));
  return { scale, table: Buffer.from(bytes.buffer).toString('base64') };
}

function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
