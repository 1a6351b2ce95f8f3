/**
 * What a translated catalogue gets wrong against the English one: a missing key, other
 * variables, or plural forms other than the language's own (Intl.PluralRules). Shared by the
 * renderer's catalogue test and the desktop shell's, so both are held to the same rule.
 */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

interface Entry {
  plural: boolean;
  forms: Map<string, string>;
}

/** "a.b.c" -> text, for every string in a nested catalogue. */
export function flattenCatalogue(node: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (typeof node === 'string') into.set(prefix, node);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, child] of Object.entries(node)) flattenCatalogue(child, prefix ? `${prefix}.${key}` : key, into);
  }
  return into;
}

function variables(text: string): string[] {
  return [...new Set([...text.matchAll(/{{\s*([^},\s]+)[^}]*}}/g)].map((m) => m[1] ?? ''))].sort();
}

/** English keys as the catalogue's entries: plain keys as they are, plural keys by their stem with the variables of all forms. */
function entries(flat: Map<string, string>): Map<string, Entry> {
  const grouped = new Map<string, Entry>();
  for (const [key, text] of flat) {
    const suffix = PLURAL_SUFFIX.exec(key);
    const stem = suffix ? key.slice(0, suffix.index) : key;
    const entry = grouped.get(stem) ?? { plural: suffix !== null, forms: new Map<string, string>() };
    entry.forms.set(suffix?.[1] ?? '', text);
    grouped.set(stem, entry);
  }
  return grouped;
}

/** What is wrong with one language's catalogue; empty when it is complete. */
export function catalogueProblems(english: unknown, language: string, catalogue: unknown): string[] {
  const flat = flattenCatalogue(catalogue);
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories.slice().sort();
  const found: string[] = [];
  for (const [stem, entry] of entries(flattenCatalogue(english))) {
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
