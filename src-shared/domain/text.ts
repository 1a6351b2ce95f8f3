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
