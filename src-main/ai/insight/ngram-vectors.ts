/** A sparse, unit-length TF-IDF vector over character n-grams. */
export type SparseVector = Map<string, number>;

/** Scripts written without spaces between words: words come from the segmenter's dictionary. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WORDS = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Lower-case letters and spaces only: digits, punctuation and emoji say nothing about intent. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{M}]+/gu, ' ').trim();
}

/**
 * Features of a text: character 2- to 4-grams of each spaced-script word (with its edges), and
 * for Thai, Chinese and Japanese the dictionary words and their character pairs, so that a
 * politeness particle or a shared character does not make two unrelated sentences look alike.
 */
export function ngrams(text: string): string[] {
  const grams: string[] = [];
  for (const { segment, isWordLike } of WORDS.segment(normalise(text))) {
    if (!isWordLike) continue;
    if (UNSPACED.test(segment)) {
      grams.push(`[${segment}]`);
      for (let i = 0; i + 2 <= segment.length; i++) grams.push(segment.slice(i, i + 2));
      continue;
    }
    const padded = ` ${segment} `;
    for (let n = 2; n <= 4; n++) for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
  }
  return grams;
}

/**
 * Character n-gram TF-IDF over a fixed set of documents (the examples): the model-free way to
 * say which example a message is most like. Works within a language and across close ones.
 */
export class NgramIndex {
  private readonly idf = new Map<string, number>();
  readonly vectors: SparseVector[];

  constructor(documents: readonly string[]) {
    const counts = documents.map(countGrams);
    const documentFrequency = new Map<string, number>();
    for (const count of counts) for (const gram of count.keys()) documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1);
    for (const [gram, frequency] of documentFrequency) this.idf.set(gram, Math.log((1 + documents.length) / (1 + frequency)) + 1);
    this.vectors = counts.map((count) => this.weigh(count));
  }

  vectorOf(text: string): SparseVector {
    return this.weigh(countGrams(text));
  }

  private weigh(count: Map<string, number>): SparseVector {
    const vector: SparseVector = new Map();
    let norm = 0;
    for (const [gram, times] of count) {
      const idf = this.idf.get(gram);
      if (idf === undefined) continue;
      const weight = (1 + Math.log(times)) * idf;
      vector.set(gram, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [gram, weight] of vector) vector.set(gram, weight / norm);
    return vector;
  }
}

export function sparseCosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [gram, weight] of small) sum += weight * (large.get(gram) ?? 0);
  return sum;
}

function countGrams(text: string): Map<string, number> {
  const count = new Map<string, number>();
  for (const gram of ngrams(text)) count.set(gram, (count.get(gram) ?? 0) + 1);
  return count;
}
