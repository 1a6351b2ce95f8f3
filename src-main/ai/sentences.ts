/** A stretch of a message: translated, or kept as it is (line breaks, blank lines, spacing). */
export interface TextPiece {
  text: string;
  translate: boolean;
}

/** Rough upper bound of what a MarianMT model translates well in one go. */
const MAX_PIECE_CHARS = 400;
/** Web and mail addresses: a model would "translate" them into links that go nowhere. */
const ADDRESS = /((?:https?:\/\/|mailto:|www\.)[^\s<>"]*[^\s<>".,;:!?)\]'])/u;

/**
 * Splits a message into sentences for translation, keeping its layout. Models translate one
 * sentence far better than a paragraph, and a long message is then translated in bounded steps
 * that a cancel can interrupt.
 */
export function splitForTranslation(text: string, locale?: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  const segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  for (const part of text.split(/(\s*\n\s*)/)) {
    if (part === '') continue;
    if (/^\s*$/.test(part)) {
      pieces.push({ text: part, translate: false });
      continue;
    }
    // With one capturing group, split() alternates text and addresses.
    part.split(ADDRESS).forEach((stretch, index) => {
      if (stretch === '') return;
      if (index % 2 === 1) pieces.push({ text: stretch, translate: false });
      else for (const { segment } of segmenter.segment(stretch)) pushSentence(pieces, segment);
    });
  }
  return pieces;
}

function pushSentence(pieces: TextPiece[], segment: string): void {
  const trailing = /\s*$/.exec(segment)?.[0] ?? '';
  const sentence = segment.slice(0, segment.length - trailing.length);
  for (let start = 0; start < sentence.length; start += MAX_PIECE_CHARS) {
    pieces.push({ text: sentence.slice(start, start + MAX_PIECE_CHARS), translate: /\p{L}/u.test(sentence) });
  }
  if (trailing) pieces.push({ text: trailing, translate: false });
}
