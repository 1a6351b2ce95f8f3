import { resolveRendererFile } from '../host/renderer-files.js';

/** The renderer is served from app://workstation/, never from file:// or the network. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workstation';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * scheme://host[:port] of a URL, or null if it does not parse. Node's URL#origin is "null"
 * for schemes it does not know, such as app:, so it is built here.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** The renderer file an app:// request asks for, or null for another host or a path outside the renderer. */
export function appUrlToFile(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN || parsed.username || parsed.password) return null;
  return resolveRendererFile(rendererDir, parsed.pathname);
}
