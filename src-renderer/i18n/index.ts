import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import { type InterfaceLanguage, SUPPORTED_LANGUAGES } from '../../src-shared/i18n/languages.js';

export { SUPPORTED_LANGUAGES } from '../../src-shared/i18n/languages.js';

type Catalogue = typeof en;

/**
 * Every catalogue but English, each its own chunk fetched when first chosen, so a desk in one
 * language never downloads the other twelve. The glob takes whatever files exist: a catalogue
 * not written yet falls back to English instead of breaking the build (the catalogue test fails).
 */
const catalogueFiles = import.meta.glob<Catalogue>(['./*.json', '!./en.json'], { import: 'default' });

export function catalogueLoader(language: InterfaceLanguage): (() => Promise<Catalogue>) | null {
  if (language === 'en') return () => Promise.resolve(en);
  return catalogueFiles[`./${language}.json`] ?? null;
}

/** One i18next instance for the window, English the fallback for anything a catalogue lacks. */
export async function initI18n(language: InterfaceLanguage = 'en'): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...SUPPORTED_LANGUAGES],
    // React escapes text children itself; escaping here would show &lt; to the agent.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await switchLanguage(instance, language);
  return instance;
}

/** Loads the language's catalogue once, then switches; a missing catalogue leaves the interface in English. */
export async function switchLanguage(instance: i18n, language: InterfaceLanguage): Promise<void> {
  if (!instance.hasResourceBundle(language, 'translation')) {
    const load = catalogueLoader(language);
    if (!load) return;
    instance.addResourceBundle(language, 'translation', await load());
  }
  await instance.changeLanguage(language);
}
