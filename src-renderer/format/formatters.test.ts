import { describe, expect, it } from 'vitest';
import { dateTimeFormat, displayNames, listFormat, numberFormat } from './formatters.js';

const LOCALES = ['en', 'en-GB', 'zh-CN', 'ja', 'th', 'ar', 'de'];
const AT = [Date.UTC(2026, 0, 1, 9, 5), Date.UTC(2026, 11, 31, 23, 59), Date.UTC(2019, 5, 15, 12, 0)];

describe('formatters made once', () => {
  it('format exactly as a formatter made for the call does, for each locale and options', () => {
    for (const locale of LOCALES) {
      for (const options of [{ day: 'numeric', month: 'short' }, { hour: '2-digit', minute: '2-digit' }, { dateStyle: 'medium', timeStyle: 'short' }] as Intl.DateTimeFormatOptions[]) {
        for (const at of AT) expect(dateTimeFormat(locale, options).format(at)).toBe(new Intl.DateTimeFormat(locale, options).format(at));
      }
      expect(displayNames(locale, { type: 'language', fallback: 'code' }).of('th')).toBe(new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of('th'));
      expect(numberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(12)).toBe(new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(12));
      expect(listFormat(locale, { type: 'unit', style: 'narrow' }).format(['1', '2'])).toBe(new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(['1', '2']));
    }
  });

  it('keeps one formatter per locale and options, and tells options apart', () => {
    expect(dateTimeFormat('en', { month: 'short' })).toBe(dateTimeFormat('en', { month: 'short' }));
    expect(dateTimeFormat('en', { month: 'short' })).not.toBe(dateTimeFormat('de', { month: 'short' }));
    expect(dateTimeFormat('en', { month: 'short' }).format(AT[0])).not.toBe(dateTimeFormat('en', { month: 'long' }).format(AT[0]));
  });

  it('throws for a locale the runtime refuses, as the constructor does, every time', () => {
    expect(() => dateTimeFormat('not a locale!', {})).toThrow(RangeError);
    expect(() => dateTimeFormat('not a locale!', {})).toThrow(RangeError);
  });
});
