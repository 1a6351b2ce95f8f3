import { originOf } from './app-url.js';

/** A permission the renderer asks for, in the terms the decision needs. */
export interface PermissionAsk {
  permission: string;
  /** The URL or origin of the frame that asks. */
  requestingUrl: string;
  /** For 'media': which devices; empty when Electron does not say. */
  mediaTypes: readonly string[];
}

/**
 * Deny by default. Only our own origin may use the microphone (for the softphone): no camera,
 * no screen, no notifications, no anything else.
 */
export function allowsPermission(ask: PermissionAsk, appOrigin: string): boolean {
  if (ask.permission !== 'media') return false;
  if (originOf(ask.requestingUrl) !== appOrigin) return false;
  return ask.mediaTypes.every((type) => type === 'audio');
}

/**
 * The URL to hand to the operating system, or null. Only plain http(s) links with a host and
 * no credentials: `https://bank.example@evil.example` and `file:`/`javascript:`/custom
 * schemes never reach shell.openExternal.
 */
export function externalUrlToOpen(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (!parsed.hostname || parsed.username || parsed.password) return null;
  return parsed.href;
}
