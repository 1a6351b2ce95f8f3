import { describe, expect, it } from 'vitest';
import { MessageBody, previewOf, PREVIEW_LENGTH } from './model.js';
import { cutAtGrapheme, graphemeStartAtOrBefore, splitForSending, wellFormed } from './text.js';

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

describe('a text too long for one message', () => {
  const max = 100;

  it('stays one part when it fits, and loses nothing when split, each part within the limit', () => {
    expect(splitForSending('Where is my order?', max)).toEqual(['Where is my order?']);
    const scripts = ['Das Paket ist seit Tagen unterwegs, bitte prüfen Sie das. ', '包裹已经三天没有更新了，请帮我查一下。', 'พัสดุยังไม่มาถึงเลยค่ะ ช่วยตรวจสอบให้หน่อย ', 'وصلني الطرد مكسورًا 📦👨‍👩‍👧 ', '\n\n'];
    let text = '';
    for (let i = 0; text.length < 2_000; i++) text += scripts[(i * 7) % scripts.length];
    const parts = splitForSending(text, max);
    expect(parts.length).toBeGreaterThan(20);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(max);
      expect(part.trim()).not.toBe('');
      expect(wellFormed(part)).toBe(part);
    }
    expect(parts.join('')).toBe(text);
  });

  it('splits at a paragraph before a sentence, and a sentence before a space', () => {
    const first = `${'a'.repeat(60)}.\n\n`;
    expect(splitForSending(`${first}${'b '.repeat(40)}`, max)[0]).toBe(first);
    const sentence = `${'word '.repeat(12)}done. `;
    expect(splitForSending(`${sentence}${'more '.repeat(20)}`, max)[0]).toBe(sentence);
  });

  it('never splits inside an emoji, even in a text without a space', () => {
    const family = '👨‍👩‍👧';
    const parts = splitForSending(family.repeat(40), max);
    for (const part of parts) expect(part.length % family.length).toBe(0);
    expect(parts.join('')).toBe(family.repeat(40));
  });

  it('drops only what carries nothing: a part-long run of spaces', () => {
    expect(splitForSending(`hello${' '.repeat(250)}world`, max).join('').replace(/ +/g, ' ')).toBe('hello world');
  });
});
