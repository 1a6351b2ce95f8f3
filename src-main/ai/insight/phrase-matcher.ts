/**
 * Finds cue phrases in customer text the way customers type them: without accents, with or
 * without apostrophes, with Arabic letter variants, in scripts that put no spaces between words.
 */

/** Scripts whose words run together (and Arabic, whose words carry attached articles and pronouns): a cue is found anywhere. */
const RUN_TOGETHER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Arabic}]/u;
/** Korean words carry particles ("환불이", "환불을"): a cue starts a word but may end inside one. */
const HANGUL = /\p{Script=Hangul}/u;
/** A Latin word ends where Latin letters end, so "OTP" is found in "ไม่ได้รับOTPเลย". */
const LATIN = /\p{Script=Latin}/u;

/** Lower case, Latin accents (and the letters that carry no mark to strip: Vietnamese đ, German ß) and Arabic letter variants folded; a clause break (. , ! ? and their CJK and Arabic forms) one line break, anything else but letters and digits one space. */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/(?<=\p{Script=Latin})\p{M}+/gu, '')
    .normalize('NFC')
    .replace(/đ/g, 'd')
    .replace(/ß/g, 'ss')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/\s*[.,;:!?\u3001\u3002\uFF0C\uFF01\uFF1F\uFF1B\u060C\u061B\u061F\n]+[^\p{L}\p{M}\p{N}]*/gu, '\n')
    .replace(/[^\p{L}\p{M}\p{N}\n]+/gu, ' ')
    .trim();
}

export interface PhraseMatch {
  /** Index of the phrase in the list the matcher was built from. */
  phrase: number;
  start: number;
  end: number;
  /** A negation ("don't want", "不想") comes just before it. */
  negated: boolean;
}

/** Thai runs words together but its dictionary segmenter is good: a Thai cue must begin and end where words do ("มีสี", comes in a colour, is not in "มีสีสัน", colourful). */
const THAI = /\p{Script=Thai}/u;
const THAI_WORDS = new Intl.Segmenter('th', { granularity: 'word' });

/** Characters a negation may stand before its phrase: "no quiero **que me** cancelen". */
const NEGATION_REACH = 12;

export class PhraseMatcher {
  private readonly patterns: { phrase: number; pattern: Pattern }[];
  private readonly negations: Pattern[];

  /**
   * A phrase ending in `*` matches words that begin with it ("cancel*": cancelled, cancelar). A
   * phrase with an apostrophe inside a word also matches without it ("hasn't" and "hasnt").
   */
  constructor(phrases: readonly string[], negations: readonly string[] = []) {
    this.patterns = phrases.flatMap((phrase, index) => spellings(phrase).map((spelling) => ({ phrase: index, pattern: phrasePattern(spelling) })));
    this.negations = negations.flatMap(spellings).map(phrasePattern);
  }

  /** Matches in folded text (see foldText); where two overlap, the longer one stands. */
  find(folded: string): PhraseMatch[] {
    const all: PhraseMatch[] = [];
    const edges = THAI.test(folded) ? wordEdges(folded) : null;
    for (const { phrase, pattern } of this.patterns) {
      for (const match of matches(folded, pattern)) {
        const start = match.index;
        const end = start + match[0].length;
        if (edges && THAI.test(match[0]) && !(edges.has(start) && edges.has(end))) continue;
        all.push({ phrase, start, end, negated: false });
      }
    }
    all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const kept: PhraseMatch[] = [];
    for (const match of all) {
      if (!kept.some((other) => match.start < other.end && other.start < match.end)) kept.push(match);
    }
    kept.sort((a, b) => a.start - b.start);
    // A negation reaches the first phrase after it only: "ไม่อยากยกเลิก ขอเงินคืน" negates the cancel, not the refund.
    for (const negation of this.negations) {
      for (const found of matches(folded, negation)) {
        const end = found.index + found[0].length;
        const next = kept.find((match) => match.start >= end);
        if (next && next.start - end <= NEGATION_REACH && !folded.slice(end, next.start).includes('\n')) next.negated = true;
      }
    }
    return kept;
  }
}

function wordEdges(text: string): Set<number> {
  const edges = new Set<number>([text.length]);
  for (const { index } of THAI_WORDS.segment(text)) edges.add(index);
  return edges;
}

/** A phrase's folded text, and the expression that checks its edges (run only where the text occurs at all: cheap). */
interface Pattern {
  text: string;
  expression: RegExp;
}

function matches(folded: string, pattern: Pattern): Iterable<RegExpExecArray> {
  return folded.includes(pattern.text) ? folded.matchAll(pattern.expression) : [];
}

/** Customers drop apostrophes as often as they type them: "dont", "nest pas arrive". */
function spellings(phrase: string): string[] {
  const joined = phrase.replace(/(?<=\p{L})['’‘`](?=\p{L})/gu, '');
  return joined === phrase ? [phrase] : [phrase, joined];
}

function phrasePattern(phrase: string): Pattern {
  const prefix = phrase.endsWith('*');
  const folded = foldText(prefix ? phrase.slice(0, -1) : phrase);
  if (!folded) throw new Error(`The cue "${phrase}" has no letters or digits.`);
  const body = folded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (RUN_TOGETHER.test(folded)) return { text: folded, expression: new RegExp(body, 'gu') };
  // A word of a spaced script stands alone: "nul" is not "nulo", "late" is not "later".
  const edge = (char: string) => (HANGUL.test(char) ? '\\p{Script=Hangul}' : LATIN.test(char) ? '\\p{Script=Latin}\\p{M}\\p{N}' : '\\p{L}\\p{M}\\p{N}');
  const start = `(?<![${edge(folded[0]!)}])`;
  const end = prefix || HANGUL.test(folded.at(-1)!) ? '' : `(?![${edge(folded.at(-1)!)}])`;
  return { text: folded, expression: new RegExp(`${start}${body}${end}`, 'gu') };
}
