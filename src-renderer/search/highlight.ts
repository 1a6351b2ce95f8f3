export interface TextPart {
  text: string;
  match: boolean;
}

/** Splits text around the query's words, so hits can be marked as React text, never as HTML. */
export function highlightParts(text: string, query: string): TextPart[] {
  return highlightTerms(text, query.split(/\s+/));
}

/**
 * Splits text around any of `terms` (as the knowledge base reports them: words of scripts without
 * spaces too), longest first so a word is marked whole rather than a shorter word inside it.
 */
export function highlightTerms(text: string, terms: readonly string[]): TextPart[] {
  const words = [...new Set(terms.filter((w) => w.length > 0))]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return [{ text, match: false }];
  // With one capture group, split puts the matches at the odd positions.
  return text
    .split(new RegExp(`(${words.join('|')})`, 'iu'))
    .map((part, index) => ({ text: part, match: index % 2 === 1 }))
    .filter((part) => part.text.length > 0);
}
