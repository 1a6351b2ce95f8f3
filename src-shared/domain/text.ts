/**
 * Text as every part of the product treats it: well-formed Unicode, cut only between characters
 * as people see them (grapheme clusters: an emoji with its modifiers, a letter with its marks).
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Lone surrogates (half an emoji, from a client cutting text badly) become U+FFFD, as UTF-8
 * encoding would make them on disk anyway. Done where text enters, so that a message reads the
 * same live, pulled or from a snapshot.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * At most `max` UTF-16 units, the ellipsis included when the text was cut; the cut falls between
 * grapheme clusters, never inside a surrogate pair, a flag or an emoji sequence.
 */
export function cutAtGrapheme(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const room = max - ellipsis.length;
  let end = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  return `${text.slice(0, end)}${ellipsis}`;
}

/** The text's characters as people see them. */
export function graphemesOf(text: string): string[] {
  return Array.from(graphemes.segment(text), ({ segment }) => segment);
}

/** The grapheme boundary at or before `offset`: where a snippet may start. */
export function graphemeStartAtOrBefore(text: string, offset: number): number {
  let start = 0;
  for (const { index } of graphemes.segment(text)) {
    if (index > offset) break;
    start = index;
  }
  return start;
}

/** Where a long text is best split, best first: a paragraph, a line, a sentence's end, a space. */
const SPLIT_POINTS = [/\n\s*\n\s*/g, /\n\s*/g, /[.!?。！？…]+["'”’」』)]*\s*/g, /\s+/g];

/**
 * A text too long for one message as several, each at most `max` UTF-16 units, split where a
 * reader would pause (at a paragraph, else a line, a sentence, a space, else between graphemes;
 * never in the first half of a part). Joined, the parts are the text, less runs of only whitespace
 * a part long.
 */
export function splitForSending(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const end = splitPoint(rest, max);
    // A run of nothing but whitespace carries nothing, and a message cannot be empty.
    if (rest.slice(0, end).trim()) parts.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  if (rest.trim()) parts.push(rest);
  return parts;
}

function splitPoint(text: string, max: number): number {
  const window = text.slice(0, max);
  for (const pattern of SPLIT_POINTS) {
    let best = 0;
    for (const match of window.matchAll(pattern)) {
      const end = match.index + match[0].length;
      if (end <= max) best = end;
    }
    if (best >= max / 2) return best;
  }
  const cut = graphemeStartAtOrBefore(text, max);
  // One grapheme longer than a part (a very long combining sequence) is cut where it must be.
  return cut > 0 ? cut : max;
}
