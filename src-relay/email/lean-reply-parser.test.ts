import EmailReplyParser from 'email-reply-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readReply, reversedCodeUnits } from './lean-reply-parser.js';

const fragmentsOf = (email: ReturnType<EmailReplyParser['read']>) => email.getFragments().map((fragment) => [fragment.getContent(), fragment.isHidden(), fragment.isSignature(), fragment.isQuoted()]);

/** Lines that make the parser take its turns: quotes, quote headers in several languages, signatures, blanks. */
const line = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', '> quoted', '>> deeper', '-- ', '--', '__', 'Sent from my iPhone', 'Cheers,', 'On Mon, 1 Dec 2026 at 10:00, Support <s@x.com> wrote:', 'Le lun. 1 déc. 2026, Support <s@x.com> a écrit :', '在 2026年12月1日, Support 写道：', '-----Original Message-----', 'From: Support <s@x.com>', '2026/12/01 10:00、Support のメッセージ:', 'ありがとうございます。', '😀 emoji'),
);

describe('the lean reply parser', () => {
  it('reverses by UTF-16 code unit, as the library does', () => {
    expect(reversedCodeUnits('')).toBe('');
    expect(reversedCodeUnits('abc')).toBe('cba');
    expect(reversedCodeUnits('a😀')).toBe('\ude00\ud83da');
    const long = 'x'.repeat(5000) + 'y'.repeat(5000);
    expect(reversedCodeUnits(long)).toBe('y'.repeat(5000) + 'x'.repeat(5000));
  });

  it('splits every text into the same fragments as email-reply-parser', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (lines, newline) => {
        const text = lines.join(newline);
        expect(fragmentsOf(readReply(text))).toEqual(fragmentsOf(new EmailReplyParser().read(text)));
      }),
      { numRuns: 300 },
    );
  });
});
