import { describe, expect, it } from 'vitest';
import { languageName, marketName, needsTranslation, writtenLanguage } from './language.js';

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

describe('the language a customer writes in', () => {
  it('follows what was detected on their messages over their profile', () => {
    expect(writtenLanguage({ language: 'en-US', insight: { language: 'es' } })).toBe('es');
    expect(writtenLanguage({ language: 'en-US', insight: null })).toBe('en-US');
    expect(needsTranslation('en', writtenLanguage({ language: 'en-GB', insight: { language: null } }))).toBe(false);
    expect(needsTranslation('en-US', 'es-MX')).toBe(true);
  });
});
