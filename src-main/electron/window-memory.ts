import { screen, type BrowserWindow } from 'electron';
import type { PreferencesKeeper } from '../desktop/desktop-preferences.js';
import { clampZoomLevel, nextZoomLevel, type ZoomChange } from '../desktop/zoom.js';
import { displayLayoutKey, placementToRestore, rememberPlacement, type WindowPlacement } from '../desktop/window-placement.js';

const SAVE_AFTER_MS = 1_000;

/** Where the window should open for today's display setup, if it was placed on it before. */
export function savedPlacement(preferences: PreferencesKeeper): WindowPlacement | null {
  const displays = screen.getAllDisplays();
  return placementToRestore(preferences.current.windows[displayLayoutKey(displays)], displays);
}

/** Saves the window's placement for the current display setup after it moves or resizes, and when it closes. */
export function rememberWindowPlacement(window: BrowserWindow, preferences: PreferencesKeeper): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    timer = null;
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    // A maximized window keeps the bounds it returns to.
    const { x, y, width, height } = window.getNormalBounds();
    const placement = { bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) }, maximized: window.isMaximized() };
    const key = displayLayoutKey(screen.getAllDisplays());
    preferences.update({ windows: rememberPlacement(preferences.current.windows, key, placement) });
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_AFTER_MS);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', () => {
    if (timer) clearTimeout(timer);
    save();
  });
}

/** Restores the saved zoom once the page is there, and keeps every change to it (menu, keys, Ctrl+wheel). */
export function keepZoom(window: BrowserWindow, preferences: PreferencesKeeper): (change: ZoomChange) => void {
  const contents = window.webContents;
  const apply = (level: number) => {
    contents.setZoomLevel(level);
    preferences.update({ zoomLevel: level });
  };
  contents.on('did-finish-load', () => contents.setZoomLevel(clampZoomLevel(preferences.current.zoomLevel)));
  contents.on('zoom-changed', (_event, direction) => apply(nextZoomLevel(contents.getZoomLevel(), direction === 'in' ? 'in' : 'out')));
  return (change) => apply(nextZoomLevel(contents.getZoomLevel(), change));
}
