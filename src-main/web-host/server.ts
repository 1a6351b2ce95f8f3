import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiRequestFrame, type ApiError, type ApiResultFrame } from '../../src-shared/api/contract.js';
import type { ApiEventSource, ApiRouter } from '../core/api-router.js';
import { forwardEvents } from '../host/forward-events.js';
import { contentTypeOf, RENDERER_CSP, rendererCsp, resolveRendererFile } from '../host/renderer-files.js';

export interface WebHostOptions {
  router: ApiRouter;
  events: ApiEventSource;
  rendererDir: string;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** The secret a browser needs to drive the api; random per launch unless given. */
  key?: string;
  /** Added to the renderer's connect-src: the softphone's providers for whoever is signed in. */
  connectSources?: () => string[];
}

export interface RunningWebHost {
  /** Opens the workstation: the key travels in the fragment, so it never reaches a server log. */
  url: string;
  origin: string;
  port: number;
  key: string;
  close(): Promise<void>;
}

/** Answer to a frame that is too broken to carry an id. */
export type ApiErrorFrame = { type: 'error'; error: ApiError };

export const API_PATH = '/api';
const HOST = '127.0.0.1';
/** A reply body is at most 10,000 characters; this leaves room for JSON escapes and nothing more. */
const MAX_FRAME_BYTES = 128 * 1024;

/**
 * Serves the built renderer and the api to a browser on this machine only. The api socket
 * needs the launch key and our own Origin, so neither a page on another site nor another
 * local user without the key can drive the workstation.
 */
export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const key = options.key ?? randomBytes(32).toString('base64url');
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const server = http.createServer();
  await listen(server, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST}:${port}`;
  const host = `${HOST}:${port}`;

  server.on('request', (request, response) => {
    if (request.headers.host !== host) return refuse(response, 421, `Open the workstation at ${origin}/`);
    void serveRendererFile(options.rendererDir, request, response, rendererCsp(options.connectSources?.() ?? []));
  });
  server.on('upgrade', (request, socket, head) => {
    const refusal = upgradeRefusal(request, { host, origin, key });
    if (refusal) return refuseUpgrade(socket, refusal.status, refusal.reason);
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => ws.terminate());
      ws.on('message', (data, isBinary) => {
        answer(ws, options.router, isBinary ? null : String(data)).catch((error: unknown) => {
          console.error('The web host could not answer a frame:', error);
        });
      });
    });
  });

  const stopEvents = forwardEvents(options.events, (frame) => {
    const text = JSON.stringify(frame);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  return {
    url: `${origin}/#key=${encodeURIComponent(key)}`,
    origin,
    port,
    key,
    async close() {
      stopEvents();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function upgradeRefusal(
  request: http.IncomingMessage,
  expected: { host: string; origin: string; key: string },
): { status: number; reason: string } | null {
  const url = new URL(request.url ?? '/', `http://${expected.host}`);
  if (url.pathname !== API_PATH) return { status: 404, reason: 'Not Found' };
  if (request.headers.host !== expected.host) return { status: 421, reason: 'Misdirected Request' };
  if (!sameSecret(url.searchParams.get('key') ?? '', expected.key)) return { status: 401, reason: 'Unauthorized' };
  if (request.headers.origin !== expected.origin) return { status: 401, reason: 'Unauthorized' };
  return null;
}

/** Compares digests so neither the content nor the length of the key leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

async function answer(ws: WebSocket, router: ApiRouter, text: string | null): Promise<void> {
  const parsed = parseRequest(text);
  if (!parsed.ok) return send(ws, parsed.reply);
  const { id, method, params } = parsed.request;
  send(ws, { type: 'result', id, result: await router.handle(method, params) });
}

type ParsedRequest = { ok: true; request: ApiRequestFrame } | { ok: false; reply: ApiResultFrame | ApiErrorFrame };

function parseRequest(text: string | null): ParsedRequest {
  if (text === null) return { ok: false, reply: badFrame('Frames must be JSON text, not binary.') };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reply: badFrame('Frames must be valid JSON.') };
  }
  const parsed = ApiRequestFrame.safeParse(json);
  if (parsed.success) return { ok: true, request: parsed.data };
  const message = 'Expected {"type":"request","id":<non-negative integer>,"method":<name>,"params":{...}}.';
  // Answer on the frame's own id when it has a usable one, so the caller's promise settles.
  const id = (json as { id?: unknown } | null)?.id;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) {
    return { ok: false, reply: { type: 'result', id, result: { ok: false, error: { code: 'bad_request', message } } } };
  }
  return { ok: false, reply: badFrame(message) };
}

function badFrame(message: string): ApiErrorFrame {
  return { type: 'error', error: { code: 'bad_request', message } };
}

function send(ws: WebSocket, frame: ApiResultFrame | ApiErrorFrame): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
}

async function serveRendererFile(rendererDir: string, request: http.IncomingMessage, response: http.ServerResponse, csp: string): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Only GET and HEAD are served here.');
  const file = resolveRendererFile(rendererDir, request.url ?? '/');
  if (!file) return refuse(response, 404, 'Not found.');
  const size = await stat(file).then(
    (info) => (info.isFile() ? info.size : null),
    () => null,
  );
  if (size === null) return refuse(response, 404, 'Not found.');
  response.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': size,
    'Cache-Control': 'no-cache',
    ...SECURITY_HEADERS,
    'Content-Security-Policy': csp,
  });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function refuse(response: http.ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  response.end(message);
}
