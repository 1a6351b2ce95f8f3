/** A value as `maskedForm` writes it: "•••• 4242", or "•••@example.com" for an email. */
const MASKED_TOKEN = /••••\s[0-9A-Za-z\p{Nd}]{1,4}|•••@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*/gu;

/** Where a text shows masked values (offsets in the text), so that a desk can offer to reveal each. */
export function maskedTokensIn(text: string): { start: number; end: number; token: string }[] {
  return Array.from(text.matchAll(MASKED_TOKEN), (match) => ({ start: match.index, end: match.index + match[0].length, token: match[0] }));
}
