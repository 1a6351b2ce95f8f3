import path from 'node:path';
import { app } from 'electron';
import { DEEP_LINK_SCHEME } from '../desktop/deep-link.js';

/** The argument a start at login carries, so the app can start in the tray instead of in the agent's face. */
const AT_LOGIN_ARG = '--opened-at-login';

/**
 * gsw:// links open this app. Installers register the scheme too (electron-builder.yml
 * `protocols`); this covers development runs, where Electron needs the script's path to start us.
 */
export function registerDeepLinks(): void {
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(process.argv[1] ?? '.')]);
}

/** Start at login, as the agent chose in the tray menu (macOS login items, Windows' Run key; Linux has no such API). */
export function applyStartAtLogin(on: boolean): void {
  if (process.platform === 'linux') return;
  app.setLoginItemSettings({ openAtLogin: on, args: [AT_LOGIN_ARG] });
}

/** Started by the OS at login rather than by the agent. */
export function openedAtLogin(): boolean {
  return process.argv.includes(AT_LOGIN_ARG) || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true);
}
