import type { WorkstationBridge } from '../../src-shared/api/contract.js';
import { apiSocketUrl, takeHostKey } from './host-key.js';
import { createWebBridge } from './web-bridge.js';

/**
 * Electron's preload bridge when there is one; otherwise the web host's api socket, opened
 * with the key from the link. Null when a browser arrived without a key.
 */
export function connectToHost(): WorkstationBridge | null {
  if (window.workstation) return window.workstation;
  const key = takeHostKey({ location: window.location, storage: window.sessionStorage, history: window.history });
  if (!key) return null;
  return createWebBridge({ url: apiSocketUrl(window.location.origin, key) });
}
