import type { DeskTranslate } from './desk-text.js';
import type { DesktopPreferences } from './desktop-preferences.js';

/** What a tray menu item does; the shell gives each its click. */
export type TrayCommand = 'show' | 'closeToTray' | 'openAtLogin' | 'checkForUpdates' | 'showCrashReports' | 'sendCrashReport' | 'quit';

export type TrayEntry =
  | { kind: 'status'; label: string }
  | { kind: 'command'; command: TrayCommand; label: string }
  | { kind: 'choice'; command: 'closeToTray' | 'openAtLogin'; label: string; checked: boolean }
  | { kind: 'separator' };

/**
 * The tray menu, in the interface language: what waits, the way back to the window, the desktop
 * preferences (they need no screen of their own), updates and crash reports, and Quit.
 */
export function trayMenuEntries(waiting: number, choices: Pick<DesktopPreferences, 'closeToTray' | 'startAtLogin'>, t: DeskTranslate): TrayEntry[] {
  return [
    { kind: 'status', label: waiting > 0 ? t('tray.waiting', { count: waiting }) : t('tray.nothingWaiting') },
    { kind: 'command', command: 'show', label: t('tray.show') },
    { kind: 'separator' },
    { kind: 'choice', command: 'closeToTray', label: t('tray.closeToTray'), checked: choices.closeToTray },
    { kind: 'choice', command: 'openAtLogin', label: t('tray.openAtLogin'), checked: choices.startAtLogin },
    { kind: 'separator' },
    { kind: 'command', command: 'checkForUpdates', label: t('tray.checkForUpdates') },
    { kind: 'command', command: 'showCrashReports', label: t('tray.showCrashReports') },
    { kind: 'command', command: 'sendCrashReport', label: t('tray.sendCrashReport') },
    { kind: 'separator' },
    { kind: 'command', command: 'quit', label: t('tray.quit') },
  ];
}
