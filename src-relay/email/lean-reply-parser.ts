import type EmailReplyParser from 'email-reply-parser';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type Email = ReturnType<EmailReplyParser['read']>;

/** email-reply-parser's own parser class (its package exports only the wrapper, whose `read` is `new EmailParser().parse(text)`). */
interface EmailParserClass {
  new (): { parse(text: string): Email; getQuoteHeadersRegex(): RegExp[] };
}

const packageMain = createRequire(import.meta.url).resolve('email-reply-parser');
const { default: EmailParser } = (await import(pathToFileURL(path.join(path.dirname(packageMain), 'parser/emailparser.js')).href)) as { default: EmailParserClass };

/**
 * email-reply-parser reads a mail backwards: it reverses the text, each line again to check it
 * for a signature, and each line once per quote-header pattern (32 of them), every time a
 * character at a time (`s += text.substring(i - 1, i)`: a new string per character). In a mail
 * import that was a quarter of all the relay allocated, some 160 KB a mail, and garbage made that
 * fast is what lifted the relay's peak memory (docs/email.md, "Benchmark"). This parser is the
 * library's own with a reversal that allocates once, made once per line for all the patterns;
 * the same UTF-16 code units come out in the same order, so the same fragments.
 */
class LeanEmailParser extends EmailParser {
  stringReverse(text: string): string {
    return reversedCodeUnits(text);
  }

  isQuoteHeader(line: string): boolean {
    const backwards = reversedCodeUnits(line);
    // None of the patterns is global or sticky: a test leaves nothing behind for the next one.
    return this.getQuoteHeadersRegex().some((pattern) => pattern.test(backwards));
  }
}

/** What the customer wrote, split into fragments (quoted, signature, visible) as email-reply-parser does. */
export function readReply(text: string): Email {
  return new LeanEmailParser().parse(text);
}

/** Reversed by UTF-16 code unit, as the library's own reversal (a surrogate pair comes out swapped, and back again when reversed twice). */
export function reversedCodeUnits(text: string): string {
  let reversed = '';
  // A few thousand at a time: a spread of arguments has its limit.
  for (let end = text.length; end > 0; end -= 4096) {
    const units: number[] = [];
    for (let at = end - 1; at >= Math.max(0, end - 4096); at--) units.push(text.charCodeAt(at));
    reversed += String.fromCharCode(...units);
  }
  return reversed;
}
