import type { Sentiment } from '../../../src-shared/api/contract.js';

/** Cue words and emoji per sentiment, from the definitions file; matched as whole words where words have spaces. */
export class SentimentLexicon {
  private readonly negative: RegExp[];
  private readonly positive: RegExp[];

  constructor(cues: { negative: readonly string[]; positive: readonly string[] }) {
    this.negative = cues.negative.map(cuePattern);
    this.positive = cues.positive.map(cuePattern);
  }

  /** -1 (clearly negative) … 1 (clearly positive); 0 with no cues. `cues` says whether any matched. */
  score(text: string): { score: number; cues: number } {
    const lowered = text.normalize('NFKC').toLowerCase();
    let negative = this.negative.filter((cue) => cue.test(lowered)).length;
    const positive = this.positive.filter((cue) => cue.test(lowered)).length;
    if (negative > 0 && /[!?]{2,}/.test(text)) negative += 1;
    if (shouting(text)) negative += 1;
    const cues = negative + positive;
    return { score: cues === 0 ? 0 : (positive - negative) / (cues + 1), cues };
  }
}

export function sentimentOf(score: number): Sentiment {
  if (score <= -0.25) return 'negative';
  if (score >= 0.25) return 'positive';
  return 'neutral';
}

/** Two or more words of three or more capital letters: "THIS IS UNACCEPTABLE". */
function shouting(text: string): boolean {
  return (text.match(/\b\p{Lu}{3,}\b/gu) ?? []).length >= 2;
}

function cuePattern(cue: string): RegExp {
  const escaped = cue.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Letters of spaced scripts must stand alone ("nul" is not "nulo"); Thai, CJK and emoji cannot.
  return /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Arabic}\s'-]+$/u.test(cue) ? new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'u') : new RegExp(escaped, 'u');
}
