import { app, Menu, nativeImage, Tray, type BrowserWindow, type NativeImage } from 'electron';
import type { WaitingWork } from '../../src-shared/api/contract.js';
import type { PreferencesKeeper } from '../desktop/desktop-preferences.js';
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
 */
export function createDeskTray(window: BrowserWindow, preferences: PreferencesKeeper, actions: TrayActions): DeskTray {
  const tray = new Tray(trayImage(false));
  let view = badgeView(0);
  const rebuildMenu = () => {
    const choices = preferences.current;
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: view.count ? `${view.count} waiting for you` : 'Nothing waiting', enabled: false },
        { label: 'Show Workstation', click: () => bringForward(window) },
        { type: 'separator' },
        { label: 'Keep Running in the Tray When Closed', type: 'checkbox', checked: choices.closeToTray, click: (item) => preferences.update({ closeToTray: item.checked }) },
        {
          label: 'Open at Login',
          type: 'checkbox',
          checked: choices.startAtLogin,
          click: (item) => {
            preferences.update({ startAtLogin: item.checked });
            actions.startAtLoginChanged(item.checked);
          },
        },
        { type: 'separator' },
        { label: 'Check for Updates', click: actions.checkForUpdates },
        { label: 'Show Crash Reports', click: actions.showCrashReports },
        { label: 'Send a Crash Report…', click: actions.sendCrashReport },
        { type: 'separator' },
        { label: 'Quit', click: () => app.quit() },
      ]),
    );
  };
  tray.setToolTip(view.description);
  // Windows and Linux open the window on a click; macOS shows the menu, as menu-bar icons do.
  if (process.platform !== 'darwin') tray.on('click', () => bringForward(window));
  rebuildMenu();

  return {
    showWork(work) {
      const next = badgeView(work.total);
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
