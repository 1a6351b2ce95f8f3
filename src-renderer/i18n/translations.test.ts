import { describe, expect, it } from 'vitest';
import en from './en.json';
import { SUPPORTED_LANGUAGES } from './languages.js';

// Every catalogue there is, read by Vite at test time: a language without its file fails below.
const catalogues = import.meta.glob<unknown>('./*.json', { import: 'default', eager: true });

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** "a.b.c" -> text, for every string in a nested catalogue. */
function flatten(node: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (typeof node === 'string') into.set(prefix, node);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, child] of Object.entries(node)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  }
  return into;
}

function variables(text: string): string[] {
  return [...new Set([...text.matchAll(/{{\s*([^},\s]+)[^}]*}}/g)].map((m) => m[1] ?? ''))].sort();
}

/** English keys as the catalogue's entries: plain keys as they are, plural keys by their stem with the variables of all forms. */
function entries(flat: Map<string, string>): Map<string, { plural: boolean; forms: Map<string, string> }> {
  const grouped = new Map<string, { plural: boolean; forms: Map<string, string> }>();
  for (const [key, text] of flat) {
    const suffix = PLURAL_SUFFIX.exec(key);
    const stem = suffix ? key.slice(0, suffix.index) : key;
    const entry = grouped.get(stem) ?? { plural: suffix !== null, forms: new Map<string, string>() };
    entry.forms.set(suffix?.[1] ?? '', text);
    grouped.set(stem, entry);
  }
  return grouped;
}

const english = entries(flatten(en));

/** What is wrong with one language's catalogue; empty when it is complete. */
function problems(language: string, catalogue: unknown): string[] {
  const flat = flatten(catalogue);
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories.slice().sort();
  const found: string[] = [];
  for (const [stem, entry] of english) {
    const englishVariables = variables([...entry.forms.values()].join(' '));
    if (!entry.plural) {
      const text = flat.get(stem);
      if (text === undefined) found.push(`missing ${stem}`);
      else if (variables(text).join() !== englishVariables.join()) found.push(`${stem}: variables ${variables(text).join() || 'none'}, English has ${englishVariables.join() || 'none'}`);
      continue;
    }
    const forms = [...flat.keys()].filter((key) => PLURAL_SUFFIX.test(key) && key.slice(0, key.lastIndexOf('_')) === stem).map((key) => key.slice(key.lastIndexOf('_') + 1));
    if (forms.sort().join() !== categories.join()) found.push(`${stem}: plural forms ${forms.join() || 'none'}, ${language} needs ${categories.join()}`);
    const used = variables(forms.map((form) => flat.get(`${stem}_${form}`) ?? '').join(' '));
    // A form may leave the number out (Arabic's one and two say it in the word), but not every form.
    if (forms.length > 0 && used.join() !== englishVariables.join()) found.push(`${stem}: variables ${used.join()}, English has ${englishVariables.join()}`);
  }
  return found;
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
