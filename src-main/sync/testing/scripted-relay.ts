import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Agent } from '../../../src-shared/domain/model.js';
import type { z } from 'zod';
import { ClientFrame, SYNC_PATH, type RelayFrame } from '../../../src-shared/protocol/sync.js';

type FrameOf<T extends ClientFrame['type']> = Extract<ClientFrame, { type: T }>;

interface Account {
  password: string;
  agent: Agent;
}

/**
 * A stand-in relay for the core's unit tests, on 127.0.0.1 and a free port: POST /api/login and
 * /api/logout for the accounts a test adds, and a sync WebSocket whose every answer the test
 * scripts itself. Frames that arrive are parsed with the protocol, queued by type, and taken in
 * order with `nextFrame`.
 */
export class ScriptedRelay {
  readonly revokedTokens: string[] = [];
  connectionCount = 0;
  /** How long the tokens it hands out live. */
  tokenLifetimeMs = 3_600_000;
  private readonly accounts = new Map<string, Account>();
  private readonly queues = new Map<string, ClientFrame[]>();
  private readonly waiters = new Map<string, ((frame: ClientFrame) => void)[]>();
  private socket: WebSocket | null = null;
  private tokenCount = 0;

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
  ) {
    wss.on('connection', (socket) => this.accept(socket));
  }

  /** `answerPings: false` plays a relay that hangs without closing its sockets. */
  static async start(options: { port?: number; answerPings?: boolean } = {}): Promise<ScriptedRelay> {
    const http = createServer();
    const wss = new WebSocketServer({ server: http, path: SYNC_PATH, autoPong: options.answerPings ?? true });
    const relay = new ScriptedRelay(http, wss);
    http.on('request', (request, response) => relay.answerHttp(request, response));
    await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
    return relay;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  addAccount(email: string, password: string, agent: Agent): void {
    this.accounts.set(email, { password, agent });
  }

  /** Resolves with the next frame of `type` that no earlier call took. */
  nextFrame<T extends ClientFrame['type']>(type: T, timeoutMs = 5_000): Promise<FrameOf<T>> {
    const queued = this.queues.get(type)?.shift();
    if (queued) return Promise.resolve(queued as FrameOf<T>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No ${type} frame arrived within ${timeoutMs} ms`)), timeoutMs);
      const waiting = this.waiters.get(type) ?? [];
      waiting.push((frame) => {
        clearTimeout(timer);
        resolve(frame as FrameOf<T>);
      });
      this.waiters.set(type, waiting);
    });
  }

  /** How many frames of `type` wait untaken. */
  queued(type: ClientFrame['type']): number {
    return this.queues.get(type)?.length ?? 0;
  }

  /** Sends to the current connection; a string goes out as it is, to script bad frames. */
  /** Frames as the relay writes them: fields with defaults may be left out. */
  send(frame: z.input<typeof RelayFrame> | string): void {
    this.socket?.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Answers hello with welcome and the catch-up pull with an empty page at `headSeq`. */
  async welcome(agent: Agent, options: { lastMutationId?: number; headSeq?: number } = {}): Promise<void> {
    await this.nextFrame('hello');
    const headSeq = options.headSeq ?? 0;
    this.send({ type: 'welcome', agent, lastMutationId: options.lastMutationId ?? 0, headSeq });
    const pull = await this.nextFrame('pull');
    this.send({ type: 'events', from: pull.cursor, to: Math.max(pull.cursor, headSeq), events: [], hasMore: false });
  }

  closeConnection(code: number, reason = ''): void {
    this.socket?.close(code, reason);
  }

  /** Cuts the connection without a closing handshake, as a crash or a network loss would. */
  dropConnection(): void {
    this.socket?.terminate();
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.socket = socket;
    this.connectionCount += 1;
    socket.on('message', (raw) => this.take(ClientFrame.parse(JSON.parse(String(raw)))));
  }

  private take(frame: ClientFrame): void {
    const waiter = this.waiters.get(frame.type)?.shift();
    if (waiter) {
      waiter(frame);
      return;
    }
    const queue = this.queues.get(frame.type) ?? [];
    queue.push(frame);
    this.queues.set(frame.type, queue);
  }

  private answerHttp(request: IncomingMessage, response: ServerResponse): void {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/api/login') return this.login(body, response);
      if (request.method === 'POST' && request.url === '/api/logout') {
        this.revokedTokens.push((request.headers.authorization ?? '').replace(/^Bearer /, ''));
        return reply(response, 200, {});
      }
      reply(response, 404, { error: { code: 'not_found', message: 'No such endpoint' } });
    });
  }

  private login(body: string, response: ServerResponse): void {
    const { email, password } = JSON.parse(body) as { email: string; password: string };
    const account = this.accounts.get(email);
    if (!account || account.password !== password) {
      reply(response, 401, { error: { code: 'unauthorized', message: 'Wrong email or password.' } });
      return;
    }
    this.tokenCount += 1;
    reply(response, 200, { token: `token-${this.tokenCount}`, expiresAt: Date.now() + this.tokenLifetimeMs, agent: account.agent });
  }
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
