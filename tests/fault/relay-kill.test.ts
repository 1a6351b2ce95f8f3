import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workstation } from '../../src-main/core/workstation.js';
import { waitFor } from '../support/wait.js';
import { WebchatCustomer } from '../support/webchat-customer.js';
import { expectConverged, FAST_SYNC, openOracle } from './support/convergence.js';
import { RelayProcess } from './support/relay-process.js';
import { freePort } from '../support/processes.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const AGENTS = ['mei@demo.test', 'somchai@demo.test'] as const;

/** kill -9 of the relay twice under a steady load of customer messages and agent replies. */
describe('fault: the relay is killed under load', () => {
  let dir: string;
  let relay: RelayProcess | null = null;
  const workstations: Workstation[] = [];
  const customers: WebchatCustomer[] = [];

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'fault-relay-'));
  });

  afterEach(async () => {
    for (const c of customers.splice(0)) c.close();
    for (const w of workstations.splice(0)) await w.close();
    await relay?.kill();
    relay = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged reply, duplicates nothing, and every client converges', async () => {
    const dbPath = path.join(dir, 'relay.sqlite');
    const port = await freePort();
    relay = await RelayProcess.start(dbPath, port);
    const url = relay.url;

    const agents = new Map<string, { workstation: Workstation; id: string }>();
    for (const email of AGENTS) {
      const workstation = Workstation.open({ dbPath: path.join(dir, `${email}.sqlite`), relayUrl: url, syncTiming: FAST_SYNC, log: () => undefined });
      workstations.push(workstation);
      const { agent } = await workstation.handlers['session.login']({ email, password: 'demo1234' });
    if (!agent) throw new Error(`${email} did not sign in`);
      agents.set(email, { workstation, id: agent.id });
    }
    for (const [name, language] of [['Li Wei', 'zh-CN'], ['Nok', 'th-TH'], ['Chen', 'zh-CN'], ['Somsri', 'th-TH']] as const) {
      const c = await WebchatCustomer.start(url, name, language);
      customers.push(c);
      c.send(`${name}: 你好`);
    }
    await waitFor(
      'every conversation at an agent',
      () => customers.every((c) => [...agents.values()].some(({ workstation }) => workstation.snapshot().conversations.some((x) => x.id === c.conversationId))),
      20_000,
    );

    // Steady load: customers write every 300 ms while their page is connected, agents reply every 80 ms.
    let relayUp = true;
    let running = true;
    const written: { email: string; conversationId: string; id: string; body: string }[] = [];
    let counter = 0;
    const customerLoad = (async () => {
      let i = 0;
      while (running) {
        if (relayUp) for (const c of customers) c.send(`${c.name} #${i}`);
        i++;
        await sleep(300);
      }
    })();
    const agentLoad = (async () => {
      while (running) {
        for (const [email, { workstation, id }] of agents) {
          const mine = workstation.snapshot().conversations.filter((c) => c.assigneeId === id);
          if (mine.length === 0) continue;
          const conversation = mine[counter % mine.length]!;
          const body = `${email.split('@')[0]} reply ${++counter}`;
          const { message } = await workstation.handlers['conversations.reply']({ conversationId: conversation.id, body });
          written.push({ email, conversationId: conversation.id, id: message.id, body });
        }
        await sleep(80);
      }
    })();

    try {
      for (let round = 0; round < 2; round++) {
        await sleep(round === 0 ? 1_200 : 900);
        relayUp = false;
        await relay.kill();
        await sleep(300); // agents keep writing into their outboxes
        relay = await RelayProcess.start(dbPath, port);
        for (const c of customers) {
          c.close();
          await c.connect();
        }
        relayUp = true;
      }
      await sleep(1_000);
    } finally {
      running = false;
      await Promise.all([customerLoad, agentLoad]);
    }

    for (const [email, { workstation }] of agents) {
      await waitFor(
        `${email}'s outbox to empty`,
        async () => {
          const { connection } = await workstation.handlers['session.get']({});
          return connection.state === 'online' && connection.pendingCount === 0 && workstation.snapshot().outboxCount === 0;
        },
        30_000,
      );
    }
    expect(written.length).toBeGreaterThan(20);

    // Every reply the relay acknowledged is at the customer exactly once, in the order written.
    for (const [email, { workstation }] of agents) {
      const delivery = new Map(workstation.snapshot().messages.map((m) => [m.id, m.delivery]));
      const mine = written.filter((w) => w.email === email);
      expect(mine.filter((w) => delivery.get(w.id) !== 'sent').map((w) => [w.body, delivery.get(w.id)])).toEqual([]);
    }
    for (const c of customers) {
      c.close();
      c.messages.length = 0;
      await c.connect(); // the whole thread, as the relay holds it
      const expected = written.filter((w) => w.conversationId === c.conversationId).map((w) => w.body);
      expect(c.fromAgents().map((m) => m.body), c.name).toEqual(expected);
    }

    // Every client converges with a fresh one that catches up from zero.
    for (const [email, { workstation, id }] of agents) {
      const oracle = await openOracle(dir, url, email);
      workstations.push(oracle);
      await expectConverged(email, () => workstation.snapshot(), oracle);
      // The customers see the same threads the agents do.
      for (const c of customers) {
        if (oracle.snapshot().conversations.find((x) => x.id === c.conversationId)?.assigneeId !== id) continue;
        const thread = oracle.snapshot().messages.filter((m) => m.conversationId === c.conversationId);
        expect(c.messages.map((m) => [m.id, m.body]), c.name).toEqual(thread.map((m) => [m.id, m.body]));
      }
    }
  });
});
