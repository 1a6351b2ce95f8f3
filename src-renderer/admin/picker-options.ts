import { SUPPORTED_LANGUAGES } from '../../src-shared/i18n/languages.js';

/** One choice in a picker: the value saved, its name in the interface language, and other words it is found by. */
export interface PickerOption {
  value: string;
  label: string;
  /** The code and other names (a language's own name), so "de", "Deutsch" and "German" all find German. */
  terms: readonly string[];
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const TWO_LETTER_CODES = [...LETTERS].flatMap((a) => [...LETTERS].map((b) => a + b));

/** Region codes ICU names that are not a place a customer lives in. */
const NOT_A_MARKET = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB']);

/**
 * The codes ICU can name, taken from ICU itself rather than a list of our own, so the choices and
 * their names never disagree. Withdrawn codes ("iw", "DD") are dropped for their successors.
 */
function namedCodes(type: 'language' | 'region'): string[] {
  const names = new Intl.DisplayNames(['en'], { type, fallback: 'none' });
  const codes = type === 'region' ? TWO_LETTER_CODES.map((code) => code.toUpperCase()) : TWO_LETTER_CODES;
  return codes.filter((code) => {
    if (NOT_A_MARKET.has(code) || names.of(code) === undefined) return false;
    const canonical = Intl.getCanonicalLocales(type === 'region' ? `und-${code}` : code)[0];
    return canonical === (type === 'region' ? `und-${code}` : code);
  });
}

let languageCodes: string[] | null = null;
let regionCodes: string[] | null = null;

function displayName(type: 'language' | 'region', code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type, fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every language ICU names (ISO 639-1) and the interface languages' regional forms ("pt-BR"), named in `locale`. */
export function languageOptions(locale: string): PickerOption[] {
  languageCodes ??= [...new Set([...namedCodes('language'), ...SUPPORTED_LANGUAGES])];
  return sortByLabel(
    languageCodes.map((code) => ({ value: code, label: displayName('language', code, locale), terms: [code, displayName('language', code, code), displayName('language', code, 'en')] })),
    locale,
  );
}

/** Countries and regions (ISO 3166-1), named in `locale`. */
export function marketOptions(locale: string): PickerOption[] {
  return sortByLabel(
    regionCodesNow().map((code) => ({ value: code, label: displayName('region', code, locale), terms: [code, displayName('region', code, 'en')] })),
    locale,
  );
}

/** A chosen value the options do not list (an older tag, a subdivision) still shows with a name. */
export function optionFor(value: string, options: readonly PickerOption[], nameOf?: (value: string) => string): PickerOption {
  return options.find((option) => option.value === value) ?? { value, label: nameOf?.(value) ?? value, terms: [value] };
}

/** Case, accents and width do not matter when searching: "sao" finds "São Tomé", "ｄｅ" finds "de". */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim();
}

/**
 * The options a query finds, not yet chosen: those whose name or a term starts with the query
 * first, then those with a word that does ("Brazilian Portuguese" for "port"), then those that
 * contain it, each group in the given order.
 */
export function filterOptions(options: readonly PickerOption[], query: string, chosen: readonly string[]): PickerOption[] {
  const key = searchKey(query);
  const open = options.filter((option) => !chosen.includes(option.value));
  if (!key) return open;
  const tiers: PickerOption[][] = [[], [], []];
  for (const option of open) {
    const names = [option.label, ...option.terms].map(searchKey);
    const tier = names.some((name) => name.startsWith(key)) ? 0 : names.some((name) => name.split(/[\s\-–(),_]+/).some((word) => word.startsWith(key))) ? 1 : names.some((name) => name.includes(key)) ? 2 : -1;
    if (tier >= 0) tiers[tier]?.push(option);
  }
  return tiers.flat();
}

function sortByLabel(options: PickerOption[], locale: string): PickerOption[] {
  const collator = new Intl.Collator(locale);
  return options.sort((a, b) => collator.compare(a.label, b.label));
}

/** A language typed as a tag the list lacks ("pt-PT", "gsw"), if ICU can name it. */
export function languageEntry(text: string, locale: string): PickerOption | null {
  let tag: string;
  try {
    [tag = ''] = Intl.getCanonicalLocales(text);
  } catch {
    return null;
  }
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) || new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(tag) === undefined) return null;
  return { value: tag, label: displayName('language', tag, locale), terms: [tag] };
}

/** A part of a country typed as its code ("US-CA", "de-by"), for markets that take one. */
export function subdivisionEntry(text: string, locale: string): PickerOption | null {
  const code = text.toUpperCase();
  if (!/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(code) || !regionCodesNow().includes(code.slice(0, 2))) return null;
  return { value: code, label: subdivisionName(code, locale), terms: [code] };
}

/** "US-CA" → "United States (US-CA)": ICU names countries, not their parts. */
export function subdivisionName(code: string, locale: string): string {
  return /^[A-Z]{2}-/.test(code) ? `${displayName('region', code.slice(0, 2), locale)} (${code})` : displayName('region', code, locale);
}

/** A skill is an intent id: typed words become one ("Order status" → "order_status"); the schema checks the rest. */
export function skillEntry(text: string): PickerOption | null {
  const value = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return value ? { value, label: value, terms: [value] } : null;
}

/** The company's skills: the intents the desk names, and any skill an agent already has. */
export function skillOptions(intentNames: Readonly<Record<string, string>>, agentSkills: readonly string[], locale: string): PickerOption[] {
  const ids = [...new Set([...Object.keys(intentNames), ...agentSkills])];
  return sortByLabel(
    ids.map((id) => ({ value: id, label: intentNames[id] ?? id, terms: [id] })),
    locale,
  );
}

function regionCodesNow(): string[] {
  regionCodes ??= namedCodes('region');
  return regionCodes;
}
