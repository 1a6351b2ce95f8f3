import { describe, expect, it } from 'vitest';
import { languageName, marketName } from './language.js';

describe('language and market names', () => {
  it('names languages and regions in the UI language', () => {
    expect(languageName('th', 'en')).toBe('Thai');
    expect(languageName('pt-BR', 'en')).toBe('Brazilian Portuguese');
    expect(marketName('br', 'en')).toBe('Brazil');
  });

  it('shows what it cannot name as given', () => {
    expect(marketName('EU-West', 'en')).toBe('EU-West');
    expect(languageName('not a tag!', 'en')).toBe('not a tag!');
  });
});
