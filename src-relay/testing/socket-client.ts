import WebSocket from 'ws';
import type { z } from 'zod';

const WAIT_MS = 5000;

/**
 * A test's end of a relay socket: frames are parsed with the protocol's own schema (so the
 * relay's output is checked too) and queued until the test asks for them.
 */
/** What a web chat page may hear at any time, besides what a test waits for: its place in line, the language promise, a rating request. */
export const WEBCHAT_QUIET = ['queue', 'language', 'rating-request'];

export class SocketClient<Frame extends { type: string }> {
  private readonly queue: Frame[] = [];
  private waiter: (() => void) | null = null;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(
    private readonly socket: WebSocket,
    schema: z.ZodType<Frame>,
  ) {
    socket.on('message', (raw) => {
      this.queue.push(schema.parse(JSON.parse(String(raw))));
      this.waiter?.();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.waiter?.();
      });
    });
  }

  static async open<Frame extends { type: string }>(url: string, schema: z.ZodType<Frame>, headers: Record<string, string> = {}): Promise<SocketClient<Frame>> {
    const socket = new WebSocket(url, { headers });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new SocketClient(socket, schema);
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  sendBinary(bytes: Buffer): void {
    this.socket.send(bytes, { binary: true });
  }

  /**
   * The next frame of this type; frames of the `skip` types before it are dropped, any other fails.
   * Skipping 'presence' skips the sign-in's list of everyone's ('presences') too.
   */
  async expect<T extends Frame['type']>(type: T, skip: readonly string[] = ['presence']): Promise<Extract<Frame, { type: T }>> {
    const skipped = skip.includes('presence') ? [...skip, 'presences'] : skip;
    for (;;) {
      const frame = await this.next();
      if (frame.type === type) return frame as Extract<Frame, { type: T }>;
      if (!skipped.includes(frame.type)) throw new Error(`expected a ${type} frame, got ${JSON.stringify(frame)}`);
    }
  }

  async next(): Promise<Frame> {
    const deadline = Date.now() + WAIT_MS;
    while (this.queue.length === 0) {
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error('the socket closed while a frame was expected');
      if (Date.now() > deadline) throw new Error(`no frame within ${WAIT_MS} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = null;
    }
    return this.queue.shift() as Frame;
  }

  /** Frames received so far and not yet taken. */
  pending(): readonly Frame[] {
    return this.queue;
  }

  close(): void {
    this.socket.close();
  }
}
