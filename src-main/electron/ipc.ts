import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../src-shared/api/contract.js';
import type { ApiEventSource, ApiRouter } from '../core/api-router.js';
import { forwardEvents } from '../host/forward-events.js';
import { createInvokeHandler, isTrustedSender } from './ipc-checks.js';

/**
 * The only door between the window and the core: one checked invoke channel in, one event
 * channel out. Returns a function that closes both.
 */
export function registerIpc(options: { window: BrowserWindow; router: ApiRouter; events: ApiEventSource; origin: string }): () => void {
  const contents = options.window.webContents;
  ipcMain.handle(
    IPC_INVOKE_CHANNEL,
    createInvokeHandler(options.router, (event: Electron.IpcMainInvokeEvent) => isTrustedSender(event, { contents, origin: options.origin })),
  );
  const stopEvents = forwardEvents(options.events, (frame) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, frame);
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    stopEvents();
  };
}
