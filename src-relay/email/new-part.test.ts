import { describe, expect, it } from 'vitest';
import { newPartOf } from './new-part.js';

describe('the new part of a mail', () => {
  it('leaves out the quoted history, the attribution line before it and an Outlook original', () => {
    expect(newPartOf('Thanks, that works.\r\n\r\nOn Mon, 1 Dec 2026 at 10:00, Support <s@x.com> wrote:\r\n> Hello\r\n> there\r\n')).toBe('Thanks, that works.');
    expect(newPartOf('ありがとうございます。\n\n2026年12月1日(月) 10:00 Support <s@x.com>:\n> こんにちは\n')).toBe('ありがとうございます。');
    expect(newPartOf('Fine.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\n\nHello\n')).toBe('Fine.');
  });

  it('keeps a line ending in a colon that no quote follows, and the whole text when all of it is quoted', () => {
    expect(newPartOf('My order numbers:\n1042\n1043')).toBe('My order numbers:\n1042\n1043');
    expect(newPartOf('> only a quote')).toBe('> only a quote');
  });
});
