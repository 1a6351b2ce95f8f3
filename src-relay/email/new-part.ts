import { readReply } from './lean-reply-parser.js';

/**
 * What the customer wrote this time: the mail's text without the quoted history and the
 * signature (email-reply-parser, lean-reply-parser.ts), and without the attribution line before the quote
 * ("On Monday, Support wrote:", "2026年12月1日(月) Support <…>:") that the parser keeps in
 * languages it has no pattern for. The whole text stays on the original.
 */
export function newPartOf(text: string): string {
  const normalized = text.replace(/\r\n/g, '\n');
  let visible: string;
  try {
    visible = readReply(normalized).getVisibleText();
  } catch {
    visible = normalized;
  }
  const stripped = withoutAttribution(visible, normalized).trim();
  return stripped === '' ? normalized.trim() : stripped;
}

/** Drops a last line ending in ":" when the text it came from went on with a quote right after it. */
function withoutAttribution(visible: string, full: string): string {
  const lines = visible.trimEnd().split('\n');
  const last = lines.at(-1)?.trim() ?? '';
  if (!/[:：]$/.test(last)) return visible;
  const after = full.slice(full.indexOf(last) + last.length).replace(/^\s*\n/, '');
  return after.startsWith('>') ? lines.slice(0, -1).join('\n') : visible;
}
