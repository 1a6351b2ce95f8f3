import { createServer, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { natsAvailable, TEST_NATS_URL } from '../../tests/support/nats.js';
import { startTcpProxy, type TcpProxy } from '../../tests/support/tcp-proxy.js';
import { waitFor } from '../../tests/support/wait.js';
import { PokeNodes } from './testing/poke-nodes.js';

const natsUp = await natsAvailable();

/**
 * NATS itself cannot be restarted from a test here, so one node reaches it through a TCP proxy
 * that the test cuts and brings back: to that node it is the same as NATS going away.
 */
describe.skipIf(!natsUp)('cluster pokes when the link to NATS breaks', () => {
  let nodes: PokeNodes;
  let proxy: TcpProxy;
  beforeEach(async () => {
    nodes = new PokeNodes(TEST_NATS_URL);
    const { hostname, port } = new URL(TEST_NATS_URL);
    proxy = await startTcpProxy({ host: hostname, port: Number(port || 4222) });
  });
  afterEach(async () => {
    await nodes.close();
    await proxy.close();
  });

  it('reports reconnecting, keeps publishing without throwing, polls meanwhile, and hears pokes again once back', async () => {
    const a = await nodes.start();
    const b = await nodes.start({ url: `nats://127.0.0.1:${proxy.port}`, pollIntervalMs: 100, pingIntervalMs: 500 });
    await nodes.connected(a, b);
    a.pokes.poke('acme', 1);
    await waitFor('b hears acme 1', () => b.headsOf('acme').includes(1));

    await proxy.cut();
    await waitFor('b reconnecting', () => b.pokes.state() === 'reconnecting');
    expect(() => b.pokes.poke('acme', 50)).not.toThrow();
    expect(b.pokes.stats().unsent).toBe(1);
    // a commits while b is away: its poke never reaches b, but b's poller finds the new head.
    a.pokes.poke('acme', 2);
    b.heads.set('acme', 2);
    await waitFor('b polls acme 2', () => b.headsOf('acme').includes(2));

    await proxy.resume();
    await waitFor('b connected again', () => b.pokes.state() === 'connected');
    // The resubscription may reach the server just after a's next poke: poke until b hears one.
    let head = 3;
    await waitFor('b hears a poke again', () => {
      a.pokes.poke('acme', head++);
      return b.headsOf('acme').some((heard) => heard >= 3);
    });
    expect(b.states).toEqual(['connected', 'reconnecting', 'connected']);
    expect(b.pokes.stats().caughtByPoller).toBe(1);
    expect(a.states).toEqual(['connected']);
  });

  it('keeps trying to connect a node that starts while NATS is unreachable, and closes at once', async () => {
    await proxy.cut();
    const b = await nodes.start({ url: `nats://127.0.0.1:${proxy.port}` });
    expect(b.pokes.state()).toBe('reconnecting');
    expect(() => b.pokes.poke('acme', 1)).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await proxy.resume();
    await waitFor('b connected', () => b.pokes.state() === 'connected');

    await proxy.cut();
    await waitFor('b reconnecting', () => b.pokes.state() === 'reconnecting');
    const closing = Date.now();
    await b.pokes.close();
    expect(Date.now() - closing).toBeLessThan(1_000);
    expect(b.pokes.state()).toBe('closed');
    expect(b.states).toEqual(['connected', 'reconnecting', 'closed']);
  });

  it('closes at once a node that never reached NATS', async () => {
    await proxy.cut();
    const b = await nodes.start({ url: `nats://127.0.0.1:${proxy.port}` });
    await new Promise((resolve) => setTimeout(resolve, 250));
    await b.pokes.close();
    expect(b.states).toEqual(['closed']);
    expect(b.errors).toHaveLength(1);
  });
});

describe('cluster pokes facing a server that never answers', () => {
  it('closes at once while the first handshake is still waiting', async () => {
    const accepted = new Set<Socket>();
    const silent = createServer((socket) => accepted.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const nodes = new PokeNodes(`nats://127.0.0.1:${port}`);
    try {
      const b = await nodes.start();
      await waitFor('the handshake under way', () => accepted.size > 0);
      const closing = Date.now();
      await b.pokes.close();
      expect(Date.now() - closing).toBeLessThan(500);
      expect(b.states).toEqual(['closed']);
      expect(b.errors).toEqual([]);
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await nodes.close();
    }
  });
});
