/**
 * Viber writes `message_token` as a bare 64-bit integer (4912661846655238145), beyond the
 * integers a JavaScript number holds exactly: JSON.parse would round it, and a status callback
 * would then name another message. `readViberJson` parses the text with every `message_token`
 * value turned into a string of its digits first, wherever it is, and nothing else changed: the
 * scan skips the insides of strings, so a customer who types "message_token":1 changes nothing.
 */
export function readViberJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(quoteMessageTokens(text)) as unknown };
  } catch {
    return { ok: false };
  }
}

/** An integer after optional spaces, ending where a JSON value ends. */
const BARE_INTEGER = /\s*(\d+)(?=\s*(?:[,}\]]|$))/y;

export function quoteMessageTokens(text: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  let lastString: string | null = null; // the text of the last token when it was a string
  let at = 0;
  while (at < text.length) {
    const char = text[at] ?? '';
    if (char === '"') {
      const end = endOfString(text, at);
      lastString = text.slice(at, end);
      at = end;
      continue;
    }
    if (char === ':' && lastString === '"message_token"') {
      BARE_INTEGER.lastIndex = at + 1;
      const match = BARE_INTEGER.exec(text);
      if (match?.[1]) {
        const start = BARE_INTEGER.lastIndex - match[1].length;
        parts.push(text.slice(copiedUpTo, start), `"${match[1]}"`);
        copiedUpTo = BARE_INTEGER.lastIndex;
        at = copiedUpTo;
        lastString = null;
        continue;
      }
    }
    if (!/\s/.test(char)) lastString = null;
    at++;
  }
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

/** Where the string starting at `start` (its opening quote) ends, past its closing quote; escapes are skipped whole. */
function endOfString(text: string, start: number): number {
  let at = start + 1;
  while (at < text.length) {
    if (text[at] === '\\') at += 2;
    else if (text[at] === '"') return at + 1;
    else at++;
  }
  return text.length;
}
