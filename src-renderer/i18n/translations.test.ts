import { describe, expect, it } from 'vitest';
import en from './en.json';
import { catalogueProblems } from '../../src-shared/i18n/catalogue-check.js';
import { SUPPORTED_LANGUAGES } from '../../src-shared/i18n/languages.js';

// Every catalogue there is, read by Vite at test time: a language without its file fails below.
const catalogues = import.meta.glob<unknown>('./*.json', { import: 'default', eager: true });

/** What is wrong with one language's catalogue, against the English one; empty when it is complete. */
function problems(language: string, catalogue: unknown): string[] {
  return catalogueProblems(en, language, catalogue);
}

describe('the interface catalogues', () => {
  it.each(SUPPORTED_LANGUAGES.filter((language) => language !== 'en'))('%s has a catalogue with every English key, its own plural forms and the same variables', (language) => {
    const catalogue = catalogues[`./${language}.json`];
    expect(catalogue, `src-renderer/i18n/${language}.json is missing`).toBeDefined();
    const found = problems(language, catalogue);
    // Listed in full: vitest would cut a long array short.
    expect(found, `${language}.json:\n${found.join('\n')}\n`).toEqual([]);
  });

  it('finds what a careless catalogue gets wrong', () => {
    const careless = structuredClone(en) as unknown as Record<string, Record<string, string>>;
    delete careless.login!.title;
    careless.login!.sso = 'Anmelden mit {{provider}}';
    const found = problems('ar', careless);
    expect(found).toContain('missing login.title');
    expect(found).toContain('login.sso: variables provider, English has name');
    // English has one and other; Arabic needs all six forms.
    expect(found.some((problem) => problem.endsWith('ar needs few,many,one,other,two,zero'))).toBe(true);
  });
});
