import { BrowserWindow } from 'electron';
import type { WindowPlacement } from '../desktop/window-placement.js';
import { APP_ENTRY_URL } from './app-url.js';

/**
 * The agent's window: sandboxed, isolated, no Node, showing app://workstation/; where it was last
 * time, if that is still on screen. `title` holds until the page sets its own, in the same language.
 */
export function createWorkstationWindow(preloadPath: string, placement: WindowPlacement | null, showWhenReady: boolean, title: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    ...placement?.bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      // A ringing call must be heard before the agent has clicked anything.
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  if (placement?.maximized) window.maximize();
  if (showWhenReady) window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** Brings the window forward from the tray, the dock, a minimized state or behind other windows. */
export function bringForward(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
