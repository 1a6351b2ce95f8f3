import { createConnection, createServer, type Server, type Socket } from 'node:net';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Direction = 'up' | 'down'; // up: client -> relay, down: relay -> client

/** One direction of one proxied connection: chunks leave in the order they came (TCP), after any delay or hold. */
class Lane {
  private readonly queue: Buffer[] = [];
  private pumping = false;

  constructor(
    private readonly proxy: FaultProxy,
    private readonly direction: Direction,
    private readonly to: Socket,
  ) {}

  push(chunk: Buffer): void {
    this.queue.push(chunk);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0 && !this.to.destroyed) {
        if (this.proxy.holding) {
          await this.proxy.waitRelease();
          continue;
        }
        const delay = this.proxy.delayMs[this.direction];
        if (delay > 0) await sleep(delay);
        if (this.proxy.holding) continue;
        const chunk = this.queue.shift()!;
        if (!this.to.destroyed) this.to.write(chunk);
      }
    } finally {
      this.pumping = false;
    }
  }
}

/**
 * A loopback TCP proxy in front of the relay that can cut every connection, delay each direction,
 * and hold all traffic then release the held connections in a shuffled order (reordering across connections).
 */
export class FaultProxy {
  readonly delayMs: Record<Direction, number> = { up: 0, down: 0 };
  holding = false;
  private waiters: (() => void)[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  port = 0;

  constructor(private readonly targetPort: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection({ host: '127.0.0.1', port: this.targetPort });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      const up = new Lane(this, 'up', upstream);
      const down = new Lane(this, 'down', client);
      client.on('data', (chunk: Buffer) => up.push(chunk));
      upstream.on('data', (chunk: Buffer) => down.push(chunk));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no port');
    this.port = address.port;
    this.server = server;
  }

  waitRelease(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  hold(): void {
    this.holding = true;
  }

  /** Lets held connections go one by one, in a random order, a little apart. */
  async release(random: () => number = Math.random): Promise<void> {
    this.holding = false;
    const waiters = this.waiters.splice(0);
    for (let i = waiters.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [waiters[i], waiters[j]] = [waiters[j]!, waiters[i]!];
    }
    for (const w of waiters) {
      w();
      await sleep(15);
    }
  }

  /** Destroys every open connection (both ends). */
  cutAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.holding = false;
    for (const w of this.waiters.splice(0)) w();
    this.cutAll();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
