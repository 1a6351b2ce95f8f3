import { ApiFailure, type NamespaceHandlers } from '../api-router.js';

/**
 * The desktop shell's methods as the core answers them: the web host has no update to install
 * and no shell that needs the call state. The Electron shell replaces these with its own.
 */
export function desktopHandlers(): NamespaceHandlers<'desktop'> {
  return {
    'desktop.callState': async () => ({}),
    'desktop.restartToUpdate': async () => {
      throw new ApiFailure('unavailable', 'Only the desktop app installs updates.');
    },
    'desktop.postponeUpdate': async () => ({}),
    // The web host has no tray, menus or desktop notifications to put in the agent's language.
    'desktop.interfaceLanguage': async () => ({}),
  };
}
