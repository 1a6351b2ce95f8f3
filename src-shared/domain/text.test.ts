import { describe, expect, it } from 'vitest';
import { MessageBody, previewOf, PREVIEW_LENGTH } from './model.js';
import { cutAtGrapheme, graphemeStartAtOrBefore, wellFormed } from './text.js';

describe('text as every part of the product treats it', () => {
  it('replaces lone surrogates, and leaves pairs and everything else as they are', () => {
    expect(wellFormed('half \uD83D an emoji')).toBe('half \uFFFD an emoji');
    expect(wellFormed('\uDE00 alone')).toBe('\uFFFD alone');
    expect(wellFormed('whole 😀 emoji, ไทย, 中文')).toBe('whole 😀 emoji, ไทย, 中文');
  });

  it('takes a message body with half an emoji as replaced, whichever way it arrives', () => {
    expect(MessageBody.parse('thanks \uD83D')).toBe('thanks \uFFFD');
  });

  it('cuts between characters as people see them, the ellipsis within the limit', () => {
    const family = '👨‍👩‍👧‍👦'; // one grapheme of 11 UTF-16 units
    expect(cutAtGrapheme(`ab${family}cd`, 12)).toBe('ab…');
    expect(cutAtGrapheme(`ab${family}cd`, 14)).toBe(`ab${family}…`);
    expect(cutAtGrapheme('🇹🇭🇹🇭🇹🇭', 5)).toBe('🇹🇭…');
    expect(cutAtGrapheme('short', 10)).toBe('short');
    expect(cutAtGrapheme('e\u0301e\u0301e\u0301', 4)).toBe('e\u0301…');
  });

  it('finds where a snippet may start without splitting a character', () => {
    expect(graphemeStartAtOrBefore('a😀b', 2)).toBe(1);
    expect(graphemeStartAtOrBefore('a😀b', 3)).toBe(3);
  });

  it('cuts previews at a grapheme boundary', () => {
    const preview = previewOf(`${'x'.repeat(PREVIEW_LENGTH - 2)}😀 and more`);
    expect(preview).toBe(`${'x'.repeat(PREVIEW_LENGTH - 2)}…`);
    expect(preview.length).toBeLessThanOrEqual(PREVIEW_LENGTH);
  });
});
