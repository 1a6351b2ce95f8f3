import type WebSocket from 'ws';

/** ws hands a frame over as a Buffer, an ArrayBuffer or fragments; this is its UTF-8 text. */
export function frameText(raw: WebSocket.RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.from(raw).toString('utf8');
}

export function frameBytes(raw: WebSocket.RawData): number {
  return Array.isArray(raw) ? raw.reduce((sum, part) => sum + part.length, 0) : raw.byteLength;
}
