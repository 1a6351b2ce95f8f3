import type { Socket } from 'node:net';
import type WebSocket from 'ws';

/**
 * Runs `send` with the connection's TCP socket corked, so frames sent together leave in one
 * write rather than one system call each. ws (8.x) has no public cork; `_socket` is the
 * net.Socket it writes to. Without one, the frames simply go out one by one.
 */
export function corked(socket: WebSocket, send: () => void): void {
  const tcp = (socket as unknown as { _socket?: Socket | null })._socket;
  if (!tcp || typeof tcp.cork !== 'function') {
    send();
    return;
  }
  tcp.cork();
  try {
    send();
  } finally {
    tcp.uncork();
  }
}
