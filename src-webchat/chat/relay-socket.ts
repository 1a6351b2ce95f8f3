import type { z } from 'zod';
import { WEBCHAT_PATH, WebchatServerFrame, type WebchatClientFrame, type WebchatHello } from '../../src-shared/protocol/webchat.js';

/** What the page sends the relay, as the shared protocol reads it. */
export type ChatRequest = z.input<typeof WebchatClientFrame>;

export interface RelaySocketEvents {
  /** Said first on every socket: who this customer is. */
  hello(): z.input<typeof WebchatHello>;
  /** Every frame the protocol knows; anything else from the relay is ignored. */
  frame(frame: WebchatServerFrame): void;
  connecting(state: 'connecting' | 'reconnecting'): void;
  /** A socket closed: a call riding on it cannot go on. */
  lost(): void;
}

const RETRY_MAX_MS = 5000;

/** The chat's WebSocket to the relay, reconnecting with backoff until the relay refuses the hello. */
export class RelaySocket {
  private socket: WebSocket | null = null;
  /** The relay accepted the hello on this socket. */
  private ready = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly events: RelaySocketEvents) {}

  get isReady(): boolean {
    return this.ready;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Refused before the chat started: no retry until the customer starts again. */
  stop(): void {
    this.stopped = true;
    this.socket?.close();
  }

  markReady(): void {
    this.ready = true;
    this.attempt = 0;
  }

  /** Calls and ratings go only once the relay knows the customer; false when not sent. */
  sendWhenReady(frame: ChatRequest): boolean {
    if (!this.socket || !this.ready) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Messages may go as soon as the socket is open; the outbox resends them on ready anyway. */
  sendIfOpen(frame: ChatRequest): void {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private connect(): void {
    clearTimeout(this.retryTimer);
    this.events.connecting('connecting');
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss://' : 'ws://'}${location.host}${WEBCHAT_PATH}`);
    this.socket = ws;
    this.ready = false;
    ws.addEventListener('open', () => ws.send(JSON.stringify(this.events.hello())));
    ws.addEventListener('message', (event) => {
      const frame = parseFrame(event.data);
      if (frame) this.events.frame(frame);
    });
    ws.addEventListener('close', () => {
      if (this.socket !== ws) return;
      this.socket = null;
      this.ready = false;
      this.events.lost();
      if (this.stopped) return;
      this.events.connecting('reconnecting');
      const delay = Math.min(RETRY_MAX_MS, 500 * 2 ** this.attempt) * (0.75 + Math.random() / 2);
      this.attempt += 1;
      this.retryTimer = setTimeout(() => this.connect(), delay);
    });
  }
}

function parseFrame(data: unknown): WebchatServerFrame | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = WebchatServerFrame.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
