import { SYNC_PATH } from '../../src-shared/protocol/sync.js';

/** `http://host:port/prefix` + `/api/login` -> `http://host:port/prefix/api/login`. */
export function relayHttpAddress(relayUrl: string, path: string): string {
  const url = new URL(relayUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** The sync WebSocket: http -> ws, https -> wss, at SYNC_PATH under the relay's address. */
export function relaySyncAddress(relayUrl: string): string {
  const url = new URL(relayHttpAddress(relayUrl, SYNC_PATH));
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  else throw new Error(`The relay address must start with http:// or https://, not ${url.protocol}`);
  return url.toString();
}
