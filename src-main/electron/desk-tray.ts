import { app, Menu, nativeImage, Tray, type BrowserWindow, type MenuItem, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { WaitingWork } from '../../src-shared/api/contract.js';
import type { PreferencesKeeper } from '../desktop/desktop-preferences.js';
import type { DeskText } from '../desktop/desk-text.js';
import { trayMenuEntries, type TrayCommand, type TrayEntry } from '../desktop/tray-menu.js';
import { badgeView, overlayBitmap, trayIconBitmap, type Bitmap } from '../desktop/work-badge.js';
import { bringForward } from './window.js';

export interface TrayActions {
  showCrashReports(): void;
  sendCrashReport(): void;
  checkForUpdates(): void;
  /** Start at login changed: the shell tells the OS. */
  startAtLoginChanged(on: boolean): void;
}

export interface DeskTray {
  showWork(work: WaitingWork): void;
}

/**
 * The tray (menu bar on macOS) icon, and the badges in the dock or taskbar: the work waiting on
 * the agent at a glance. Its menu holds the desktop preferences, so they need no screen of their own.
 * Its words follow the interface language, and are written again when the agent switches it.
 */
export function createDeskTray(window: BrowserWindow, preferences: PreferencesKeeper, actions: TrayActions, text: DeskText): DeskTray {
  const { t } = text;
  const tray = new Tray(trayImage(false));
  let view = badgeView(0, t);
  const clicks: Record<TrayCommand, (item: MenuItem) => void> = {
    show: () => bringForward(window),
    closeToTray: (item) => preferences.update({ closeToTray: item.checked }),
    openAtLogin: (item) => {
      preferences.update({ startAtLogin: item.checked });
      actions.startAtLoginChanged(item.checked);
    },
    checkForUpdates: () => actions.checkForUpdates(),
    showCrashReports: () => actions.showCrashReports(),
    sendCrashReport: () => actions.sendCrashReport(),
    quit: () => app.quit(),
  };
  const rebuildMenu = () => {
    const entries = trayMenuEntries(view.count, preferences.current, t);
    tray.setContextMenu(Menu.buildFromTemplate(entries.map((entry) => menuItem(entry, clicks))));
  };
  tray.setToolTip(view.description);
  // Windows and Linux open the window on a click; macOS shows the menu, as menu-bar icons do.
  if (process.platform !== 'darwin') tray.on('click', () => bringForward(window));
  rebuildMenu();
  text.onSwitch(() => {
    view = badgeView(view.count, t);
    tray.setToolTip(view.description);
    if (process.platform === 'win32' && view.count) window.setOverlayIcon(image(overlayBitmap(view.label)), view.description);
    rebuildMenu();
  });

  return {
    showWork(work) {
      const next = badgeView(work.total, t);
      if (next.count === view.count) return;
      view = next;
      tray.setImage(trayImage(next.count > 0));
      tray.setToolTip(next.description);
      if (process.platform === 'darwin') tray.setTitle(next.label);
      // macOS dock and Linux launchers (Unity) count; Windows draws the overlay on the taskbar button.
      if (process.platform === 'win32') window.setOverlayIcon(next.count ? image(overlayBitmap(next.label)) : null, next.description);
      else app.setBadgeCount(next.count);
      rebuildMenu();
    },
  };
}

function menuItem(entry: TrayEntry, clicks: Record<TrayCommand, (item: MenuItem) => void>): MenuItemConstructorOptions {
  switch (entry.kind) {
    case 'status':
      return { label: entry.label, enabled: false };
    case 'command':
      return { label: entry.label, click: (item) => clicks[entry.command](item) };
    case 'choice':
      return { label: entry.label, type: 'checkbox', checked: entry.checked, click: (item) => clicks[entry.command](item) };
    case 'separator':
      return { type: 'separator' };
  }
}

function trayImage(waiting: boolean): NativeImage {
  // 16 pt with a 2× representation, for the menu bar and HiDPI trays.
  const icon = image(trayIconBitmap(16, waiting));
  const large = trayIconBitmap(32, waiting);
  icon.addRepresentation({ scaleFactor: 2, width: large.width, height: large.height, buffer: nativeImage.createFromBitmap(large.pixels, { width: large.width, height: large.height }).toPNG() });
  return icon;
}

function image(bitmap: Bitmap): NativeImage {
  return nativeImage.createFromBitmap(bitmap.pixels, { width: bitmap.width, height: bitmap.height });
}
