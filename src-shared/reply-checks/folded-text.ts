/**
 * A reply folded for matching: lower case, compatibility forms (full-width Ｓｈａｒｅ, half-width
 * ｶﾀｶﾅ) made plain, diacritics taken off Latin, Greek and Cyrillic letters (Thai vowel signs and
 * Japanese voiced marks are letters of their own and stay), runs of white space made one space.
 * `start`/`end` map each folded code unit back to the grapheme it came from, so a match is
 * highlighted in the text as the agent wrote it.
 */
export interface FoldedText {
  text: string;
  start: number[];
  end: number[];
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const STRIPPED_MARKS = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;

export function foldText(original: string): FoldedText {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  for (const { segment, index } of graphemes.segment(original)) {
    const folded = foldGrapheme(segment);
    if (folded === ' ' && (text === '' || text.endsWith(' '))) continue;
    for (let i = 0; i < folded.length; i += 1) {
      start.push(index);
      end.push(index + segment.length);
    }
    text += folded;
  }
  return { text, start, end };
}

/** A phrase of a rule, folded as the text it is looked for in. */
export function foldPhrase(phrase: string): string {
  return foldText(phrase.trim()).text.trim();
}

function foldGrapheme(grapheme: string): string {
  if (/^\s+$/u.test(grapheme)) return ' ';
  let decomposed = grapheme.normalize('NFKD');
  if (STRIPPED_MARKS.test(decomposed)) decomposed = decomposed.replace(/\p{M}/gu, '');
  // Typographic apostrophes are how most people type "don't" on a phone.
  return decomposed.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc\uff07]/gu, "'");
}

/** Where words start and end in folded text: spaces in English, a dictionary's cuts in Thai, Japanese and Chinese. */
export function wordBoundaries(folded: string, language: string | null): Set<number> {
  const words = new Intl.Segmenter(language ?? 'und', { granularity: 'word' });
  const boundaries = new Set<number>([0, folded.length]);
  for (const { index, segment } of words.segment(folded)) {
    boundaries.add(index);
    boundaries.add(index + segment.length);
  }
  return boundaries;
}
