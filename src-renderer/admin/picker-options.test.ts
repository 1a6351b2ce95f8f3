import { describe, expect, it } from 'vitest';
import { filterOptions, languageEntry, languageOptions, marketOptions, searchKey, skillEntry, skillOptions, subdivisionEntry, type PickerOption } from './picker-options.js';

const values = (options: readonly PickerOption[]) => options.map((option) => option.value);

describe('picker options', () => {
  it('lists languages by name in the interface language, once each, with withdrawn codes left out', () => {
    const english = languageOptions('en');
    expect(english.find((o) => o.value === 'de')?.label).toBe('German');
    expect(languageOptions('th').find((o) => o.value === 'de')?.label).toBe('เยอรมัน');
    expect(values(english)).toEqual(expect.arrayContaining(['th', 'zh', 'ar', 'pt-BR', 'zh-TW', 'he', 'id']));
    expect(values(english)).not.toContain('iw');
    expect(values(english)).not.toContain('in');
    expect(new Set(values(english)).size).toBe(english.length);
  });

  it('lists countries and regions, not unions or placeholders', () => {
    const markets = marketOptions('de');
    expect(markets.find((o) => o.value === 'BR')?.label).toBe('Brasilien');
    expect(values(markets)).toEqual(expect.arrayContaining(['DE', 'TH', 'US', 'XK']));
    for (const code of ['EU', 'UN', 'ZZ', 'DD', 'SU', 'UK']) expect(values(markets)).not.toContain(code);
    expect(markets.length).toBeGreaterThan(240);
  });

  it('finds a language by its name here, its own name, or its code; word starts before the rest', () => {
    const options = languageOptions('en');
    expect(values(filterOptions(options, 'deutsch', [])).slice(0, 1)).toEqual(['de']);
    expect(values(filterOptions(options, 'de', []))[0]).toBe('de');
    expect(values(filterOptions(options, 'thai', []))).toContain('th');
    expect(values(filterOptions(options, 'portug', [])).slice(0, 2).sort()).toEqual(['pt', 'pt-BR']);
    expect(filterOptions(options, 'qqqq', [])).toEqual([]);
  });

  it('ignores case and accents, and leaves out what is already chosen', () => {
    const markets = marketOptions('en');
    expect(values(filterOptions(markets, 'sao', []))).toContain('ST');
    expect(values(filterOptions(markets, 'COTE', []))).toContain('CI');
    expect(values(filterOptions(markets, 'united', ['US']))).not.toContain('US');
    expect(values(filterOptions(markets, 'united', []))).toEqual(expect.arrayContaining(['US', 'GB', 'AE']));
    expect(searchKey('  Ｄé ')).toBe('de');
    expect(filterOptions(markets, '', ['DE'])).toHaveLength(markets.length - 1);
  });

  it('ranks names that start with the query, then names with a word that does, then names that contain it', () => {
    const options: PickerOption[] = [
      { value: 'a', label: 'Papua New Guinea', terms: ['a'] },
      { value: 'b', label: 'Guinea', terms: ['b'] },
      { value: 'c', label: 'Equatorial Guinea', terms: ['c'] },
      { value: 'd', label: 'Ghana', terms: ['d'] },
    ];
    expect(values(filterOptions(options, 'guin', []))).toEqual(['b', 'a', 'c']);
    expect(values(filterOptions(options, 'uine', []))).toEqual(['a', 'b', 'c']);
    expect(values(filterOptions(options, 'gh', []))).toEqual(['d']);
  });

  it('takes typed values only where the field allows them', () => {
    expect(languageEntry('pt-pt', 'en')).toMatchObject({ value: 'pt-PT', label: 'European Portuguese' });
    expect(languageEntry('Klingon!', 'en')).toBeNull();
    expect(subdivisionEntry('us-ca', 'en')).toMatchObject({ value: 'US-CA', label: 'United States (US-CA)' });
    expect(subdivisionEntry('QQ-1', 'en')).toBeNull();
    expect(skillEntry(' Order status ')).toMatchObject({ value: 'order_status' });
    expect(skillEntry('   ')).toBeNull();
  });

  it("offers the desk's intents and the company's skills, named, each once", () => {
    const options = skillOptions({ refund: 'Refund', order_status: 'Order status' }, ['refund', 'vip_care'], 'en');
    expect(options.map((o) => [o.value, o.label])).toEqual([
      ['order_status', 'Order status'],
      ['refund', 'Refund'],
      ['vip_care', 'vip_care'],
    ]);
    expect(values(filterOptions(options, 'status', []))).toEqual(['order_status']);
    expect(values(filterOptions(options, 'order_', []))).toEqual(['order_status']);
  });
});
