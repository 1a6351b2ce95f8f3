/** Scripts written without spaces between words; a word there may be one or two characters. */
const UNSPACED_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}][\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{M}\u30FC]*/gu;
const UNSPACED_TERM = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}][\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{M}\u30FC]?$/u;

/**
 * The tokens of `messages_grams` for a body: every pair of neighbouring characters in each
 * unspaced run, and the run's last character alone, so any one or two characters of it are
 * found. Null when the body has no such run (most Latin-script messages add nothing).
 */
export function unspacedGrams(body: string): string | null {
  const tokens: string[] = [];
  for (const [run] of body.matchAll(UNSPACED_RUN)) {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(`${chars[i]}${chars[i + 1]}`);
    tokens.push(chars.at(-1)!);
  }
  return tokens.length > 0 ? tokens.join(' ') : null;
}

/** A one- or two-character term in an unspaced script, which `messages_grams` answers. */
export function isUnspacedShortTerm(term: string): boolean {
  return UNSPACED_TERM.test(term);
}

/** The grams query for such a term: the pair itself, or any token starting with the one character. */
export function gramsQueryOf(term: string): string {
  return Array.from(term).length === 2 ? `"${term}"` : `"${term}"*`;
}
