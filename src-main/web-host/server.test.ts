import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Connection, EventName, EventPayload } from '../../src-shared/api/contract.js';
import type { Agent } from '../../src-shared/domain/model.js';
import { createApiRouter, type ApiEventSource, type ApiHandlers } from '../core/api-router.js';
import { stubHandlers } from '../core/testing/stub-handlers.js';
import { RENDERER_CSP } from '../host/renderer-files.js';
import { startWebHost, type RunningWebHost } from './server.js';

const mei: Agent = { id: 'a1', tenantId: 't1', email: 'mei@demo.test', name: 'Mei', role: 'agent', language: 'en', teamIds: ['team1'] };
const connection: Connection = { state: 'online', pendingCount: 0, lastError: null, retryAt: null, resync: null };

function handlers(): ApiHandlers {
  return stubHandlers({
    'session.get': async () => ({ agent: mei, presence: 'available', connection }),
    'presence.set': async ({ presence }) => ({ presence }),
  });
}

/** An event source the test fires by hand. */
class FakeEvents implements ApiEventSource {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  }
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }
  count(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

type Frame = { type: string; id?: number; result?: unknown; event?: string; payload?: unknown; error?: unknown };

/** A real ws client that queues incoming frames so a test can await them in order. */
class Client {
  private readonly frames: Frame[] = [];
  private readonly waiters: ((frame: Frame) => void)[] = [];
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      const waiter = this.waiters.shift();
      if (waiter) waiter(frame);
      else this.frames.push(frame);
    });
  }
  static async open(url: string, origin: string): Promise<Client> {
    const socket = new WebSocket(url, { origin });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new Client(socket);
  }
  next(): Promise<Frame> {
    const frame = this.frames.shift();
    return frame ? Promise.resolve(frame) : new Promise((resolve) => this.waiters.push(resolve));
  }
  close(): void {
    this.socket.close();
  }
}

/** The status code the server answered an upgrade with, or the connection error. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('error', reject);
  });
}

/** Sends a raw path (no URL normalisation, unlike fetch) and returns status, headers and body. */
function rawGet(port: number, rawPath: string, host = `127.0.0.1:${port}`): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET', headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('startWebHost', () => {
  let root: string;
  let rendererDir: string;
  let events: FakeEvents;
  let host: RunningWebHost;
  const clients: Client[] = [];

  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'web-host-'));
    rendererDir = path.join(root, 'renderer');
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Workstation</title>');
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
    writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer');
    events = new FakeEvents();
    host = await startWebHost({ router: createApiRouter(handlers(), () => {}), events, rendererDir, key: 'the-key' });
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await host.close();
    rmSync(root, { recursive: true, force: true });
  });

  const apiUrl = (key: string) => `ws://127.0.0.1:${host.port}/api?key=${encodeURIComponent(key)}`;

  async function connect(): Promise<Client> {
    const client = await Client.open(apiUrl(host.key), host.origin);
    clients.push(client);
    return client;
  }

  it('listens on 127.0.0.1 only and puts the key in the fragment of its url', () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#key=the-key`);
    expect(host.port).toBeGreaterThan(0);
  });

  it('cannot be reached on another address of this machine', async () => {
    // 127.0.0.2 is this machine too; a host bound to every interface would answer there.
    const reached = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.2', port: host.port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      // Where 127.0.0.2 is not routed (macOS) the attempt hangs instead of failing.
      socket.setTimeout(2_000, () => {
        socket.destroy();
        resolve(false);
      });
    });
    expect(reached).toBe(false);
  });

  it('makes up a fresh key when none is given', async () => {
    const other = await startWebHost({ router: createApiRouter(handlers(), () => {}), events, rendererDir });
    try {
      expect(other.key.length).toBeGreaterThanOrEqual(32);
      expect(other.key).not.toBe(host.key);
      expect(other.url.endsWith(`#key=${other.key}`)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('refuses the api without the key, with a wrong key, or from a foreign origin', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/api`, { origin: host.origin })).toBe(401);
    expect(await upgradeStatus(apiUrl('the-kex'), { origin: host.origin })).toBe(401);
    expect(await upgradeStatus(apiUrl(host.key), { origin: 'http://evil.example' })).toBe(401);
    expect(await upgradeStatus(apiUrl(host.key), { origin: `http://localhost:${host.port}` })).toBe(401);
    expect(await upgradeStatus(apiUrl(host.key), {})).toBe(401);
    expect(await upgradeStatus(apiUrl(host.key), { origin: host.origin })).toBe(101);
  });

  it('answers a request through the router', async () => {
    const client = await connect();
    client.socket.send(JSON.stringify({ type: 'request', id: 7, method: 'presence.set', params: { presence: 'away' } }));
    expect(await client.next()).toEqual({ type: 'result', id: 7, result: { ok: true, value: { presence: 'away' } } });
  });

  it('passes the router errors through: unknown method and bad params', async () => {
    const client = await connect();
    client.socket.send(JSON.stringify({ type: 'request', id: 1, method: 'fs.readFile', params: {} }));
    expect(await client.next()).toMatchObject({ type: 'result', id: 1, result: { ok: false, error: { code: 'unknown_method' } } });
    client.socket.send(JSON.stringify({ type: 'request', id: 2, method: 'presence.set', params: { presence: 'asleep' } }));
    expect(await client.next()).toMatchObject({ type: 'result', id: 2, result: { ok: false, error: { code: 'bad_request' } } });
  });

  it('answers bad frames with an error and keeps serving', async () => {
    const client = await connect();
    client.socket.send('{not json');
    expect(await client.next()).toMatchObject({ type: 'error', error: { code: 'bad_request', message: expect.stringContaining('JSON') } });
    client.socket.send(JSON.stringify({ type: 'request', id: 3 }));
    expect(await client.next()).toMatchObject({ type: 'result', id: 3, result: { ok: false, error: { code: 'bad_request' } } });
    client.socket.send(JSON.stringify(null));
    expect(await client.next()).toMatchObject({ type: 'error', error: { code: 'bad_request' } });
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await client.next()).toMatchObject({ type: 'error', error: { code: 'bad_request', message: expect.stringContaining('binary') } });

    client.socket.send(JSON.stringify({ type: 'request', id: 4, method: 'session.get', params: {} }));
    expect(await client.next()).toMatchObject({ type: 'result', id: 4, result: { ok: true, value: { agent: { email: 'mei@demo.test' } } } });
  });

  it('closes a socket that sends an oversized frame, and others keep working', async () => {
    const greedy = await connect();
    const closed = new Promise<number>((resolve) => greedy.socket.once('close', (code) => resolve(code)));
    greedy.socket.send(JSON.stringify({ type: 'request', id: 1, method: 'session.get', params: { pad: 'x'.repeat(200_000) } }));
    expect(await closed).toBe(1009);

    const client = await connect();
    client.socket.send(JSON.stringify({ type: 'request', id: 5, method: 'presence.set', params: { presence: 'available' } }));
    expect(await client.next()).toMatchObject({ id: 5, result: { ok: true } });
  });

  it('forwards core events to every connected socket', async () => {
    const first = await connect();
    const second = await connect();
    events.emit('conversations.changed', { conversationIds: ['c1'] });
    const expected = { type: 'event', event: 'conversations.changed', payload: { conversationIds: ['c1'] } };
    expect(await first.next()).toEqual(expected);
    expect(await second.next()).toEqual(expected);
  });

  it('stops listening to the core when closed', async () => {
    expect(events.count()).toBeGreaterThan(0);
    const other = await startWebHost({ router: createApiRouter(handlers(), () => {}), events, rendererDir });
    const before = events.count();
    await other.close();
    expect(events.count()).toBeLessThan(before);
  });

  it('serves the renderer with the strict CSP, index.html for /', async () => {
    const index = await rawGet(host.port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Workstation</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(index.headers['x-content-type-options']).toBe('nosniff');

    const script = await rawGet(host.port, '/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-security-policy']).toBe(RENDERER_CSP);
  });

  it('refuses to leave the renderer folder, however the path is spelled', async () => {
    for (const rawPath of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%E0%A4%A']) {
      const response = await rawGet(host.port, rawPath);
      expect(response.status, rawPath).toBe(404);
      expect(response.body, rawPath).not.toContain('outside the renderer');
    }
  });

  it('lists no directories and serves only GET and HEAD', async () => {
    expect((await rawGet(host.port, '/assets')).status).toBe(404);
    expect((await rawGet(host.port, '/missing.js')).status).toBe(404);
    const post = await fetch(`${host.origin}/`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const response = await rawGet(host.port, '/', `evil.example:${host.port}`);
    expect(response.status).toBe(421);
    expect(response.body).not.toContain('<title>');
  });
});
