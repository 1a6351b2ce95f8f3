import type { i18n } from 'i18next';
import { switchLanguage } from './index.js';
import { type InterfaceLanguage, interfaceLanguageFor, isInterfaceLanguage } from '../../src-shared/i18n/languages.js';

/**
 * The language an agent picked, kept in the page's storage: Electron keeps app://workstation's
 * storage in its profile folder, and `npm start` serves the web host on a fixed port (5173), so the
 * choice survives restarts of both. A web host on a random port (WORKSTATION_PORT=0) forgets it.
 */
const STORAGE_KEY = 'workstation.interfaceLanguage';

export function chosenLanguage(): InterfaceLanguage | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored !== null && isInterfaceLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Before anyone signs in: the picked language, else the system's (the browser reports it). */
export function startingLanguage(): InterfaceLanguage {
  return chosenLanguage() ?? interfaceLanguageFor(navigator.language);
}

/** The agent picked a language in the top bar or on the sign-in screen: it wins over the profile from now on. */
export async function chooseLanguage(instance: i18n, language: InterfaceLanguage): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage refused (a locked-down browser): the choice holds until the page closes.
  }
  await switchLanguage(instance, language);
}

/** On sign-in the interface follows the profile's language, unless the agent picked one on this desk. */
export async function followProfileLanguage(instance: i18n, profileLanguage: string): Promise<void> {
  if (chosenLanguage() !== null) return;
  await switchLanguage(instance, interfaceLanguageFor(profileLanguage));
}

/** `<html lang dir>` and the window title follow the interface language; Arabic turns the page right to left. */
export function mirrorLanguageOnDocument(instance: i18n): void {
  const apply = () => {
    document.documentElement.lang = instance.language;
    document.documentElement.dir = instance.dir(instance.language);
    document.title = instance.t('app.name');
  };
  apply();
  instance.on('languageChanged', apply);
}
