import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smsEncoding, smsLengthRefusal, smsSegments } from './sms-segments.js';

describe('SMS segments', () => {
  it('counts GSM-7 bodies in 160 septets, or 153 per segment when split, extension characters as two', () => {
    expect(smsSegments('')).toBe(1);
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('a'.repeat(306))).toBe(2);
    expect(smsSegments('a'.repeat(307))).toBe(3);
    // 80 euro signs are 160 septets: one segment; one more character and they split.
    expect(smsSegments('€'.repeat(80))).toBe(1);
    expect(smsSegments('€'.repeat(80) + 'a')).toBe(2);
    // An escape pair is never cut: 152 septets then a two-septet character fill the first segment at 152.
    expect(smsSegments('a'.repeat(152) + '[' + 'a'.repeat(152))).toBe(3);
    expect(smsEncoding('Grüße! Ça coute 5€, ¿Qué? Øre')).toBe('GSM-7');
    expect(smsEncoding('Olá')).toBe('UCS-2'); // á is not in the alphabet, à is
  });

  it('sends the whole body as UCS-2 when one character is outside GSM-7, 70 units or 67 per segment', () => {
    expect(smsEncoding('It’s here')).toBe('UCS-2');
    expect(smsSegments('Привет'.repeat(11) + 'Прив')).toBe(1); // 70
    expect(smsSegments('Привет '.repeat(12))).toBe(2); // 84, as Twilio's num_segments says
    expect(smsSegments('a'.repeat(140) + '😀')).toBe(3); // 142 units: 67 + 67 + 8
    // A surrogate pair is never cut: 66 units then an emoji start the second segment.
    expect(smsSegments('ж'.repeat(66) + '😀' + 'ж'.repeat(5))).toBe(2);
    expect(smsSegments('ж'.repeat(66) + '😀' + 'ж'.repeat(66))).toBe(3);
  });

  it('never counts fewer segments than the units allow, nor more than one per character', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '€', 'ж', '😀', ' ', '\n'), maxLength: 800 }), (body) => {
        const segments = smsSegments(body);
        const units = smsEncoding(body) === 'GSM-7' ? Array.from(body, (c) => (c === '€' ? 2 : 1)).reduce((a, b) => a + b, 0) : body.length;
        const capacity = smsEncoding(body) === 'GSM-7' ? (units <= 160 ? 160 : 153) : units <= 70 ? 70 : 67;
        expect(segments).toBeGreaterThanOrEqual(Math.max(1, Math.ceil(units / capacity)));
        expect(segments).toBeLessThanOrEqual(Math.max(1, Math.ceil(units / (capacity - 1))));
      }),
    );
  });

  it('refuses a body over the limit with the count and the character that made it UCS-2', () => {
    expect(smsLengthRefusal('a'.repeat(1530), 10)).toBeNull();
    expect(smsLengthRefusal('a'.repeat(1531), 10)).toBe('This reply would go as 11 SMS segments and replies here take at most 10: each segment holds 153 characters. Shorten it or send it in parts.');
    // 608 UTF-16 units: 10 segments of 67, just within.
    expect(smsLengthRefusal('a'.repeat(600) + '“quoted”', 10)).toBeNull();
    expect(smsLengthRefusal('a'.repeat(700) + '“quoted”', 10)).toBe(
      'This reply would go as 11 SMS segments and replies here take at most 10: the text has characters outside the SMS alphabet (such as ““”), so each segment holds only 67 characters. Shorten it, replace those characters or send it in parts.',
    );
  });
});
