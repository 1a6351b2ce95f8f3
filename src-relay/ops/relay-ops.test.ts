import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { HttpError } from '../../src-shared/protocol/auth.js';
import { SYNC_PATH } from '../../src-shared/protocol/sync.js';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import { startRelay, type RelayOptions, type RunningRelay } from '../server.js';
import { startSlowRequest } from '../testing/slow-request.js';
import { SocketClient, WEBCHAT_QUIET } from '../testing/socket-client.js';
import { connectDesk, seedDatabase, TEST_PASSWORD, tempDatabase, type TempDatabase } from '../testing/test-relay.js';
import { CLOSE_SERVICE_RESTART } from './drain.js';

describe('relay ops: health, readiness, drain and metrics', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;

  async function start(options: Partial<RelayOptions> = {}): Promise<RunningRelay> {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath);
    relay = await startRelay({ dbPath: temp.dbPath, ...options });
    return relay;
  }

  afterEach(async () => {
    await relay.close();
    await temp.remove();
  });

  const get = (path: string) => fetch(`${relay.url}${path}`);

  async function customer(): Promise<SocketClient<WebchatServerFrame>> {
    const client = await SocketClient.open(relay.url.replace(/^http/, 'ws') + WEBCHAT_PATH, WebchatServerFrame);
    client.send({ type: 'hello', tenant: 'acme', name: 'Kim', language: 'en' });
    await client.expect('ready', []);
    return client;
  }

  it('answers /healthz while the process runs, and /readyz only while every check passes', async () => {
    let busUp = true;
    const bus = {
      name: 'bus',
      check: async () => {
        if (!busUp) throw new Error('the bus is reconnecting');
      },
    };
    await start({ ops: { probes: [bus] } });
    expect(relay.metricsUrl).toBeNull();

    let ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', bus: 'ok' } });

    busUp = false;
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unready', checks: { database: 'ok', bus: 'failed' } });
    expect(log).toHaveBeenCalledWith('[relay] readiness check bus:', new Error('the bus is reconnecting'));
    log.mockRestore();
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await get('/metrics')).status).toBe(404);
  });

  it('drains: not ready, new requests and sockets refused, open sockets closed with 1012, running requests finished', async () => {
    await start();
    const desk = await connectDesk(relay.url, 'ann@acme.test');
    const page = await customer();
    const login = await startSlowRequest(relay.url, '/api/login', JSON.stringify({ email: 'ann@acme.test', password: TEST_PASSWORD }));

    const drained = relay.drain(5000);
    expect(await desk.closed).toEqual({ code: CLOSE_SERVICE_RESTART, reason: 'relay restarting; reconnect' });
    expect((await page.closed).code).toBe(CLOSE_SERVICE_RESTART);

    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'draining' });
    expect((await get('/healthz')).status).toBe(200);
    const refused = await get('/chat');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect(HttpError.parse(await refused.json()).error.code).toBe('draining');
    expect(await upgradeStatus(relay.url.replace(/^http/, 'ws') + SYNC_PATH)).toBe(503);

    expect(await login.finish()).toBe(200);
    expect(await drained).toEqual({ requests: 0, sockets: 0 });
  });

  it('cuts off what is still running when the drain time is over, so the close cannot hang', async () => {
    await start();
    const stuck = await startSlowRequest(relay.url, '/api/login', JSON.stringify({ email: 'ann@acme.test', password: TEST_PASSWORD }));
    expect(await relay.drain(100)).toEqual({ requests: 1, sockets: 0 });
    expect(await stuck.answered).toBe(0);
  });

  it('serves Prometheus metrics on their own address only', async () => {
    await start({ ops: { metricsAddress: { host: '127.0.0.1', port: 0 } } });
    expect(relay.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const metricsUrl = relay.metricsUrl!;
    const desk = await connectDesk(relay.url, 'ann@acme.test');
    desk.send({ type: 'pull', cursor: 0 });
    while ((await desk.expect('events')).hasMore) desk.send({ type: 'pull', cursor: 0 });
    const page = await customer();
    page.send({ type: 'send', clientMessageId: 'kim-msg-1', body: 'Hello?' });
    await page.expect('message', WEBCHAT_QUIET);
    await desk.expect('events');
    desk.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: Date.now(), body: { kind: 'reply.send', conversationId: 'nope', messageId: 'r1', body: 'hi' } }] });
    expect((await desk.expect('ack', ['presence', 'events'])).rejections).toHaveLength(1);

    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const value = (line: string) => Number(text.split('\n').find((row) => row.startsWith(`${line} `))?.slice(line.length + 1));
    expect(value('relay_connections{transport="sync"}')).toBe(1);
    expect(value('relay_connections{transport="webchat"}')).toBe(1);
    expect(value('relay_sync_pushes_total')).toBe(1);
    expect(value('relay_sync_mutations_total{outcome="refused"}')).toBe(1);
    expect(value('relay_events_committed_total')).toBeGreaterThanOrEqual(2);
    expect(value('relay_fanout_lag_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(value('relay_database_pool_connections{state="total"}')).toBe(1);
    expect(value('relay_bus_state{state="in_process"}')).toBe(1);
    expect(text).toContain('nodejs_eventloop_lag_seconds');

    page.close();
    desk.close();
    await Promise.all([page.closed, desk.closed]);
    await until(async () => (await (await fetch(metricsUrl)).text()).includes('relay_connections{transport="webchat"} 0'));
    expect((await get('/metrics')).status).toBe(404);
    expect((await fetch(metricsUrl.replace('/metrics', '/'))).status).toBe(404);
  });
});

/** The HTTP status that refused a WebSocket upgrade (0 if it opened). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      resolve(0);
      socket.terminate();
    });
    socket.once('error', () => undefined);
  });
}

async function until(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
