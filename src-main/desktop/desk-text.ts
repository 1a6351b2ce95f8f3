import i18next, { type i18n } from 'i18next';
import { type InterfaceLanguage, SUPPORTED_LANGUAGES } from '../../src-shared/i18n/languages.js';
import ar from './i18n/ar.json' with { type: 'json' };
import de from './i18n/de.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import es from './i18n/es.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import id from './i18n/id.json' with { type: 'json' };
import ja from './i18n/ja.json' with { type: 'json' };
import ko from './i18n/ko.json' with { type: 'json' };
import ptBR from './i18n/pt-BR.json' with { type: 'json' };
import th from './i18n/th.json' with { type: 'json' };
import vi from './i18n/vi.json' with { type: 'json' };
import zhCN from './i18n/zh-CN.json' with { type: 'json' };
import zhTW from './i18n/zh-TW.json' with { type: 'json' };

/**
 * The desktop shell's own words (tray, menus, notifications), in its own small catalogues: the
 * main process cannot reach the renderer's, and the renderer never shows these. All thirteen load
 * at once; together they are a few kilobytes.
 */
export const DESK_CATALOGUES: Record<InterfaceLanguage, unknown> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW, ja, ko, th, vi, id, es, 'pt-BR': ptBR, de, fr, ar };

/** A key of the desk catalogue, with its variables; `count` picks the plural form. */
export type DeskTranslate = (key: string, values?: Record<string, string | number>) => string;

/**
 * The shell's text in the agent's interface language, the one the renderer shows: it tells the
 * shell on start and on every switch, and the tray and menus are built again in the new language.
 */
export interface DeskText {
  readonly language: InterfaceLanguage;
  /** Arabic reads right to left: for the few pages the shell writes itself. */
  readonly direction: 'ltr' | 'rtl';
  t: DeskTranslate;
  switchTo(language: InterfaceLanguage): void;
  /** Called after each switch to another language; returns the unsubscriber. */
  onSwitch(listener: () => void): () => void;
}

export function createDeskText(language: InterfaceLanguage): DeskText {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(SUPPORTED_LANGUAGES.map((tag) => [tag, { translation: DESK_CATALOGUES[tag] as Record<string, unknown> }])),
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...SUPPORTED_LANGUAGES],
    // Every resource is here already: initialising synchronously lets the first tray menu be in the right language.
    initAsync: false,
    // Menus and notifications show plain text: an escaped "&amp;" would be shown as it is.
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  const listeners = new Set<() => void>();
  return {
    get language() {
      return instance.language as InterfaceLanguage;
    },
    get direction() {
      return instance.dir();
    },
    t: (key, values) => instance.t(key, values ?? {}),
    switchTo(next) {
      if (next === instance.language) return;
      void instance.changeLanguage(next);
      for (const listener of listeners) listener();
    },
    onSwitch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
