/**
 * The interface languages, of the renderer's catalogues and of the desktop shell's (tray, menus,
 * notifications), each named in its own language: an agent looking for theirs in the picker must
 * recognise it whatever the interface is in now.
 */
export const SUPPORTED_LANGUAGES = ['en', 'zh-CN', 'zh-TW', 'ja', 'ko', 'th', 'vi', 'id', 'es', 'pt-BR', 'de', 'fr', 'ar'] as const;

export type InterfaceLanguage = (typeof SUPPORTED_LANGUAGES)[number];

export const NATIVE_NAMES: Record<InterfaceLanguage, string> = {
  en: 'English',
  'zh-CN': '简体中文',
  'zh-TW': '繁體中文',
  ja: '日本語',
  ko: '한국어',
  th: 'ไทย',
  vi: 'Tiếng Việt',
  id: 'Bahasa Indonesia',
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  de: 'Deutsch',
  fr: 'Français',
  ar: 'العربية',
};

export function isInterfaceLanguage(tag: string): tag is InterfaceLanguage {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(tag);
}

/**
 * The interface language for a profile's language tag: "zh" and "zh-SG" read Simplified, "zh-Hant"
 * and "zh-HK" Traditional, any Portuguese the Brazilian catalogue, "es-MX" Spanish; English when
 * there is no catalogue for it.
 */
export function interfaceLanguageFor(tag: string): InterfaceLanguage {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag).maximize();
  } catch {
    return 'en';
  }
  if (locale.language === 'zh') return locale.script === 'Hant' ? 'zh-TW' : 'zh-CN';
  if (locale.language === 'pt') return 'pt-BR';
  return isInterfaceLanguage(locale.language) ? locale.language : 'en';
}
