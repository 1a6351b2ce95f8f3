// The language list is common code: the desktop shell's tray and notifications follow the same languages.
export { SUPPORTED_LANGUAGES, NATIVE_NAMES, isInterfaceLanguage, interfaceLanguageFor, type InterfaceLanguage } from '../../src-shared/i18n/languages.js';
