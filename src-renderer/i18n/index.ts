import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';

export const SUPPORTED_LANGUAGES = ['en'] as const;

/** One i18next instance for the window; English is the only catalogue so far and the fallback. */
export async function initI18n(language = 'en'): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...SUPPORTED_LANGUAGES],
    // React escapes text children itself; escaping here would show &lt; to the agent.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
