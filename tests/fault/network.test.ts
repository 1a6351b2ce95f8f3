import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Workstation } from '../../src-main/core/workstation.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { waitFor } from '../support/wait.js';
import { WebchatCustomer } from '../support/webchat-customer.js';
import { expectConverged, FAST_SYNC, openOracle } from './support/convergence.js';
import { FaultProxy } from './support/fault-proxy.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fault: connections are cut, delayed and reordered', () => {
  let dir: string | null = null;
  let relay: RunningRelay | null = null;
  let proxy: FaultProxy | null = null;
  const workstations: Workstation[] = [];
  const customers: WebchatCustomer[] = [];

  afterEach(async () => {
    for (const c of customers.splice(0)) c.close();
    await proxy?.close();
    proxy = null;
    for (const w of workstations.splice(0)) await w.close().catch(() => undefined);
    await relay?.close();
    relay = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('every client converges through cuts, delays and out-of-order releases', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fault-net-'));
    relay = await startRelay({ dbPath: path.join(dir, 'relay.sqlite'), seedDemo: true });
    const port = Number(new URL(relay.url).port);
    proxy = new FaultProxy(port);
    await proxy.start();

    const signIn = async (email: string, name: string): Promise<Workstation> => {
      const w = Workstation.open({ dbPath: path.join(dir!, `${name}.sqlite`), relayUrl: proxy!.url, syncTiming: FAST_SYNC, log: () => undefined });
      workstations.push(w);
      await w.handlers['session.login']({ email, password: 'demo1234' });
      await waitFor(`${name} online`, async () => (await w.handlers['session.get']({})).connection.state === 'online', 20_000);
      return w;
    };
    const mei = await signIn('mei@demo.test', 'mei');
    const meiLaptop = await signIn('mei@demo.test', 'mei-laptop'); // the same agent on a second machine
    const somchai = await signIn('somchai@demo.test', 'somchai');
    const owners = [mei, somchai];

    for (const [name, language] of [
      ['Li Wei', 'zh-CN'],
      ['Nok', 'th-TH'],
      ['Zhang Min', 'zh-CN'],
    ] as const) {
      const c = await WebchatCustomer.start(relay.url, name, language);
      customers.push(c);
      c.send(`${name}: hello`);
    }
    const owner = new Map<string, Workstation>();
    await waitFor(
      'every conversation routed to an agent',
      () => {
        for (const c of customers) for (const w of owners) if (w.snapshot().conversations.some((x) => x.id === c.conversationId)) owner.set(c.conversationId!, w);
        return owner.size === customers.length;
      },
      20_000,
    );

    const written = new Map<string, string[]>();
    let stop = false;
    let tick = 0;
    const load = (async () => {
      while (!stop) {
        const c = customers[tick % customers.length]!;
        const id = c.conversationId!;
        c.send(`${c.name}: message ${tick}`);
        const body = `reply ${tick} to ${c.name}`;
        await owner.get(id)!.handlers['conversations.reply']({ conversationId: id, body });
        (written.get(id) ?? written.set(id, []).get(id)!).push(body);
        tick++;
        await sleep(200);
      }
    })();

    const p = proxy;
    // Delay both ways.
    p.delayMs.up = 40;
    p.delayMs.down = 40;
    await sleep(800);
    // Cut everything mid-traffic.
    p.cutAll();
    await sleep(600);
    // Delay one direction only (pushes slow, events fast).
    p.delayMs.down = 0;
    p.delayMs.up = 150;
    await sleep(800);
    p.delayMs.up = 0;
    // Hold everything, then release the connections in a shuffled order.
    for (let round = 0; round < 3; round++) {
      p.hold();
      await sleep(500);
      await p.release();
      await sleep(300);
    }
    // Hold, cut while held, release.
    p.hold();
    await sleep(300);
    p.cutAll();
    await p.release();
    await sleep(800);
    stop = true;
    await load;

    for (const w of workstations) {
      await waitFor('outbox empty and online', async () => w.snapshot().outboxCount === 0 && (await w.handlers['session.get']({})).connection.state === 'online', 20_000);
    }

    for (const c of customers) {
      c.close();
      c.messages.length = 0;
      await c.connect();
      const ids = c.messages.map((m) => m.id);
      expect(new Set(ids).size, `${c.name}: no message twice`).toBe(ids.length);
      expect(c.fromAgents().map((m) => m.body), `${c.name}: every reply once, in order`).toEqual(written.get(c.conversationId!) ?? []);
    }

    for (const [email, name, w] of [
      ['mei@demo.test', 'mei', mei],
      ['mei@demo.test', 'mei-laptop', meiLaptop],
      ['somchai@demo.test', 'somchai', somchai],
    ] as const) {
      const oracle = await openOracle(dir, relay.url, email, `oracle-${name}`);
      workstations.push(oracle);
      await expectConverged(`${name} after cuts, delays and reordering`, () => w.snapshot(), oracle);
    }
  });
});
