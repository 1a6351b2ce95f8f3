import { foldText } from './phrase-matcher.js';

/** Runs of scripts written without spaces between words: their features are character runs, not words. */
const UNSPACED_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u30FC]+/gu;
/** Korean syllables carry more than Latin letters: shorter grams say as much. */
const HANGUL = /\p{Script=Hangul}/u;

/**
 * The features the learned intent model reads, on text folded as the cue matcher folds it (case,
 * accents, Arabic letter forms): each spaced-script word whole and as character 3- and 4-grams
 * within its edges (2- and 3-grams in Korean), so "reembolsar" shares with "reembolso" and a typo
 * costs one gram, not the word; pairs of neighbouring words in a clause ("not received"); and for
 * Chinese, Japanese and Thai the character pairs and triples of each run (the dictionary
 * segmenter splits customers' spellings too unevenly to rely on). Digits say nothing of intent.
 */
export function intentFeatures(text: string): string[] {
  const features = new Set<string>();
  for (const clause of foldText(text).split('\n')) {
    for (const [run] of clause.matchAll(UNSPACED_RUN)) addGrams(features, run, 2, 3);
    let previous: string | null = null;
    for (const [word] of clause.replace(UNSPACED_RUN, ' | ').replace(/\p{N}+/gu, ' ').matchAll(/[\p{L}\p{M}]+|\|/gu)) {
      if (word === '|') {
        previous = null;
        continue;
      }
      features.add(`w ${word}`);
      if (previous) features.add(`p ${previous} ${word}`);
      previous = word;
      if (HANGUL.test(word)) addGrams(features, word, 2, 3);
      else addGrams(features, word, 3, 4);
    }
  }
  return [...features];
}

/** Character n-grams of a word or run, its edges marked. */
function addGrams(features: Set<string>, run: string, shortest: number, longest: number): void {
  const chars = [...`<${run}>`];
  for (let n = shortest; n <= longest; n++) for (let i = 0; i + n <= chars.length; i++) features.add(chars.slice(i, i + n).join(''));
}
