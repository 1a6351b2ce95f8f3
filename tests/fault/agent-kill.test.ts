import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../src-main/core/workstation.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { waitFor } from '../support/wait.js';
import { WebchatCustomer } from '../support/webchat-customer.js';
import { AgentHandle } from './support/agent-handle.js';
import { expectConverged, openOracle } from './support/convergence.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** kill -9 of the workstation process at awkward moments; every reply still reaches the customer once, in order. */
describe('fault: the workstation process is killed', () => {
  let dir: string;
  let relay: RunningRelay;
  let agent: AgentHandle | null = null;
  let customer: WebchatCustomer | null = null;
  let oracle: Workstation | null = null;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fault-agent-'));
    // The customer writes faster than a person could: the test is of the desk's outbox, not of the chat's limits.
    relay = await startRelay({ dbPath: path.join(dir, 'relay.sqlite'), seedDemo: true, webchatLimits: { sendsPerVisitor: { burst: 200, refillMs: 100 } } });
  });

  afterEach(async () => {
    await agent?.kill();
    agent = null;
    customer?.close();
    customer = null;
    await oracle?.close();
    oracle = null;
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function customerSends(c: WebchatCustomer, count: number, prefix: string): Promise<void> {
    const before = c.messages.filter((m) => m.author === 'customer').length;
    for (let i = 0; i < count; i++) c.send(`${prefix} ${i}`);
    await waitFor(`${count} customer messages stored`, () => c.messages.filter((m) => m.author === 'customer').length === before + count);
  }

  it('delivers every reply exactly once, in the order written, across SIGKILLs', async () => {
    const agentDb = path.join(dir, 'mei.sqlite');
    customer = await WebchatCustomer.start(relay.url, 'Li Wei', 'zh-CN');
    customer.send('我的订单还没到');
    const conversationId = customer.conversationId!;
    const written: string[] = [];
    let n = 0;
    const write = async (a: AgentHandle, count: number) => {
      for (let i = 0; i < count; i++) {
        const body = `回复 #${String(++n).padStart(3, '0')}`;
        await a.reply(conversationId, body);
        written.push(body); // acknowledged by the core: in its outbox
      }
    };

    // 1. The first start signs in; kill right after the reply commands are answered (push in flight).
    agent = await AgentHandle.start(agentDb, relay.url);
    const first = agent;
    await waitFor('the conversation at mei', async () => (await first.state()).conversationIds.includes(conversationId), 20_000);
    await write(agent, 3);
    await agent.kill();

    // 2. Restart on the same cache, write while it is still connecting, kill at once.
    agent = await AgentHandle.start(agentDb, relay.url);
    await write(agent, 3);
    await agent.kill();

    // 3. While it is down the customer writes a lot; restart and kill during the large catch-up.
    await customerSends(customer, 45, '消息');
    agent = await AgentHandle.start(agentDb, relay.url);
    await agent.kill(); // the moment it is open: hello / pull in flight
    agent = await AgentHandle.start(agentDb, relay.url);
    await write(agent, 1); // written while catching up
    await agent.kill();

    // 4. Restart, let it get a little further, write more, kill a moment after.
    await customerSends(customer, 20, '追加');
    agent = await AgentHandle.start(agentDb, relay.url);
    const fourth = agent;
    await waitFor('some progress', async () => (await fourth.state()).state !== 'offline');
    await write(agent, 4);
    await sleep(15);
    await agent.kill();

    // 5. Once online, write and kill straight after.
    agent = await AgentHandle.start(agentDb, relay.url);
    const fifth = agent;
    await waitFor('online', async () => (await fifth.state()).state === 'online', 20_000);
    await write(agent, 3);
    await agent.kill();

    // Final start: it must drain everything.
    agent = await AgentHandle.start(agentDb, relay.url);
    const last = agent;
    await waitFor(
      'the outbox to empty, online',
      async () => {
        const s = await last.state();
        return s.outboxCount === 0 && s.state === 'online';
      },
      20_000,
    );

    const expected = written;
    expect(expected.length).toBe(14);
    await waitFor('every reply at the customer', () => customer!.fromAgents().length >= expected.length);
    expect(customer.fromAgents().map((m) => m.body)).toEqual(expected);
    // The thread as the relay replays it to a page that reconnects.
    customer.close();
    customer.messages.length = 0;
    await customer.connect();
    expect(customer.fromAgents().map((m) => m.body)).toEqual(expected);

    oracle = await openOracle(dir, relay.url, 'mei@demo.test');
    await expectConverged('mei after SIGKILLs', () => last.snapshot(), oracle);
    const thread = oracle.snapshot().messages.filter((m) => m.conversationId === conversationId);
    expect(thread.filter((m) => m.author === 'agent').map((m) => m.body)).toEqual(expected);
    expect(thread.filter((m) => m.author === 'customer')).toHaveLength(1 + 45 + 20);
  });
});
