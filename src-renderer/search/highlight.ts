export interface TextPart {
  text: string;
  match: boolean;
}

/** Splits text around the query's words, so hits can be marked as React text, never as HTML. */
export function highlightParts(text: string, query: string): TextPart[] {
  const words = query
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return [{ text, match: false }];
  // With one capture group, split puts the matches at the odd positions.
  return text
    .split(new RegExp(`(${words.join('|')})`, 'iu'))
    .map((part, index) => ({ text: part, match: index % 2 === 1 }))
    .filter((part) => part.text.length > 0);
}
