import { existsSync } from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { ApiEvents } from '../core/api-events.js';
import { FIRST_UPDATE_CHECK_MS, UPDATE_CHECK_EVERY_MS, updateAction, type UpdateChoice, type UpdateState } from '../desktop/update-policy.js';

export interface DeskUpdates {
  /** The softphone has a call in progress, or no longer. */
  callChanged(inCall: boolean): void;
  /** The agent answered the restart offer. */
  choose(choice: Exclude<UpdateChoice, 'none'>): void;
  /** The renderer (re)loaded: tell it again whether a restart is on offer. */
  tellAgain(): void;
  checkNow(): void;
}

/**
 * Updates with electron-updater from the feed the installer was built with (electron-builder.yml
 * `publish`, written into the app as app-update.yml; docs/desktop.md). electron-updater checks
 * what it downloads: the SHA-512 from latest.yml, and the code signature (Windows: the
 * publisher's Authenticode name; macOS: the same Developer ID as the running app). It downloads
 * in the background; the restart is the agent's to choose, and never happens during a call.
 */
export function startDeskUpdates(shell: ApiEvents, log: (message: string, error?: unknown) => void): DeskUpdates {
  const { autoUpdater } = electronUpdater;
  let state: UpdateState = 'idle';
  let version: string | null = null;
  let inCall = false;
  let choice: UpdateChoice = 'none';

  const act = () => {
    const action = updateAction({ state, callInProgress: inCall, choice });
    if (action === 'install-now') {
      // Quits through 'before-quit', so the outbox and the cache close properly first.
      autoUpdater.quitAndInstall(false, true);
      return;
    }
    shell.emit('desktop.updateReady', { version: action === 'offer-restart' ? version : null });
  };

  // Development runs and builds without a feed have no app-update.yml: there is nothing to ask.
  const configured = app.isPackaged && existsSync(path.join(process.resourcesPath, 'app-update.yml'));
  const check = () => {
    if (!configured) return;
    autoUpdater.checkForUpdates().catch((error: unknown) => log('Looking for an update failed.', error));
  };
  if (configured) {
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = true;
    autoUpdater.logger = { info: () => {}, warn: (message: unknown) => log(`update: ${String(message)}`), error: (message: unknown) => log(`update: ${String(message)}`) };
    autoUpdater.on('checking-for-update', () => {
      if (state !== 'downloaded') state = 'checking';
    });
    autoUpdater.on('update-not-available', () => {
      if (state !== 'downloaded') state = 'idle';
    });
    autoUpdater.on('update-available', () => {
      if (state !== 'downloaded') state = 'available';
    });
    autoUpdater.on('update-downloaded', (info) => {
      state = 'downloaded';
      version = info.version;
      act();
    });
    autoUpdater.on('error', (error) => {
      if (state !== 'downloaded') state = 'error';
      log('The update failed; the next check tries again.', error);
    });
    setTimeout(check, FIRST_UPDATE_CHECK_MS);
    setInterval(check, UPDATE_CHECK_EVERY_MS);
  } else {
    log('Updates are off: this is a development run, or the installer was built without an update feed.');
  }

  return {
    callChanged(now) {
      if (now === inCall) return;
      inCall = now;
      act();
    },
    choose(chosen) {
      choice = chosen;
      act();
    },
    tellAgain: act,
    checkNow: check,
  };
}
