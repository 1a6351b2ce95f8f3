import type { Sentiment } from '../../../src-shared/api/contract.js';
import { PhraseMatcher, foldText } from './phrase-matcher.js';

/**
 * Cue words and emoji per sentiment, from the definitions file. A cue just after a negation
 * ("not happy", "ไม่ดี") says nothing either way: unsure is neutral, not the opposite tone.
 */
export class SentimentLexicon {
  private readonly words: PhraseMatcher;
  private readonly negativeWords: number;
  /** Emoji have no letters for the word matcher; they are found as they are. */
  private readonly emoji: { negative: string[]; positive: string[] };

  constructor(cues: { negative: readonly string[]; positive: readonly string[]; negations: readonly string[] }) {
    const [negativeWords, negativeEmoji] = splitEmoji(cues.negative);
    const [positiveWords, positiveEmoji] = splitEmoji(cues.positive);
    this.words = new PhraseMatcher([...negativeWords, ...positiveWords], cues.negations);
    this.negativeWords = negativeWords.length;
    this.emoji = { negative: negativeEmoji, positive: positiveEmoji };
  }

  /** -1 (clearly negative) … 1 (clearly positive); 0 with no cues, or as many on each side. `cues` says how many counted. */
  score(text: string): { score: number; cues: number } {
    const found = this.words.find(foldText(text)).filter((match) => !match.negated);
    const negativeWords = new Set(found.filter((match) => match.phrase < this.negativeWords).map((match) => match.phrase)).size;
    const positiveWords = new Set(found.filter((match) => match.phrase >= this.negativeWords).map((match) => match.phrase)).size;
    let negative = negativeWords + this.emoji.negative.filter((cue) => text.includes(cue)).length;
    const positive = positiveWords + this.emoji.positive.filter((cue) => text.includes(cue)).length;
    if (negative > 0 && /[!?]{2,}/.test(text)) negative += 1;
    if (shouting(text)) negative += 1;
    const cues = negative + positive;
    return { score: cues === 0 ? 0 : (positive - negative) / (cues + 1), cues };
  }
}

/** Polar only with a clear lead: one cue against none, or two against one. */
export function sentimentOf(score: number): Sentiment {
  if (score <= -0.25) return 'negative';
  if (score >= 0.25) return 'positive';
  return 'neutral';
}

/** Two or more words of three or more capital letters: "THIS IS UNACCEPTABLE". */
function shouting(text: string): boolean {
  return (text.match(/\b\p{Lu}{3,}\b/gu) ?? []).length >= 2;
}

function splitEmoji(cues: readonly string[]): [string[], string[]] {
  const words = cues.filter((cue) => foldText(cue) !== '');
  return [words, cues.filter((cue) => foldText(cue) === '')];
}
