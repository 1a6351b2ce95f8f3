import WebSocket from 'ws';
import { z } from 'zod';
import { CLOSE_UNAUTHORIZED, RelayFrame, type ClientFrame } from '../../src-shared/protocol/sync.js';

export interface SocketClosure {
  /** The relay refused the token (close 4001 or HTTP 401 on upgrade). */
  unauthorized: boolean;
  /** The connection was up before it ended. */
  wasOpen: boolean;
  reason: string;
}

export interface RelaySocketListener {
  onOpen(): void;
  onFrame(frame: RelayFrame): void;
  /** Called exactly once, however the socket ends. */
  onClose(closure: SocketClosure): void;
}

export interface LivenessPolicy {
  pingIntervalMs: number;
  handshakeTimeoutMs: number;
}

/** Pings unanswered in a row after which the connection counts as dead. */
const MISSED_PONGS_ALLOWED = 2;

/**
 * One WebSocket to the relay: parses every frame with the protocol schema (a bad one is logged
 * and dropped), and notices a silently dead connection by ping/pong.
 */
export class RelaySocket {
  private readonly ws: WebSocket;
  private readonly closed: Promise<void>;
  private pingTimer: NodeJS.Timeout | null = null;
  private missedPongs = 0;
  private wasOpen = false;
  private unauthorized = false;
  private failure: string | null = null;

  constructor(
    address: string,
    private readonly listener: RelaySocketListener,
    private readonly liveness: LivenessPolicy,
    private readonly log: (message: string, error?: unknown) => void,
  ) {
    this.ws = new WebSocket(address, { handshakeTimeout: liveness.handshakeTimeoutMs });
    this.closed = new Promise((resolve) => this.ws.once('close', () => resolve()));
    this.ws.on('open', () => this.opened());
    this.ws.on('message', (raw, isBinary) => this.received(raw, isBinary));
    this.ws.on('pong', () => (this.missedPongs = 0));
    this.ws.on('unexpected-response', (_request, response) => this.refused(response.statusCode ?? 0));
    this.ws.on('error', (error) => (this.failure ??= error.message));
    this.ws.on('close', (code, reason) => this.ended(code, reason.toString()));
  }

  send(frame: ClientFrame): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  /** Ends the connection at once; resolves when it is closed. */
  close(): Promise<void> {
    this.ws.terminate();
    return this.closed;
  }

  private opened(): void {
    this.wasOpen = true;
    this.pingTimer = setInterval(() => this.checkLiveness(), this.liveness.pingIntervalMs);
    this.listener.onOpen();
  }

  private received(raw: WebSocket.RawData, isBinary: boolean): void {
    this.missedPongs = 0;
    if (isBinary) {
      this.log('Ignored a binary frame from the relay.');
      return;
    }
    const frame = parseFrame(String(raw));
    if (frame.ok) this.listener.onFrame(frame.value);
    else this.log(`Ignored a frame from the relay: ${frame.error}`);
  }

  private refused(status: number): void {
    this.unauthorized = status === 401;
    this.failure = `the relay refused the connection (HTTP ${status})`;
    this.ws.terminate();
  }

  private checkLiveness(): void {
    if (this.missedPongs >= MISSED_PONGS_ALLOWED) {
      this.failure = `the relay stopped answering (${MISSED_PONGS_ALLOWED} pings unanswered)`;
      this.ws.terminate();
      return;
    }
    this.missedPongs += 1;
    this.ws.ping();
  }

  private ended(code: number, reason: string): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.unauthorized ||= code === CLOSE_UNAUTHORIZED;
    const description = this.failure ?? `the connection closed (${code}${reason ? `: ${reason}` : ''})`;
    this.listener.onClose({ unauthorized: this.unauthorized, wasOpen: this.wasOpen, reason: description });
  }
}

type Parsed = { ok: true; value: RelayFrame } | { ok: false; error: string };

function parseFrame(text: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: `not JSON: ${text.slice(0, 80)}` };
  }
  const parsed = RelayFrame.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: z.prettifyError(parsed.error) };
}
