import { expect } from 'vitest';
import type { Workstation } from '../../../src-main/core/workstation.js';
import { expectConverged, openOracle } from '../../fault/support/convergence.js';
import { waitFor } from '../../support/wait.js';
import type { WebchatCustomer } from '../../support/webchat-customer.js';
import type { FailoverBalancer } from './failover-balancer.js';
import type { ProcessCluster } from './process-cluster.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Agent {
  email: string;
  workstation: Workstation;
  id: string;
  balancer: FailoverBalancer;
  log: string[];
}

/**
 * The fault suite's load, spread over the nodes: agents on nodes B and C, customers' pages on
 * A, B and C. Customers write every 300 ms, agents reply every 150 ms to what is theirs; `check()`
 * is the fault suite's final check (nothing acknowledged lost or duplicated, every cache converged
 * with a fresh one).
 */
export class ChatLoad {
  readonly written: { email: string; conversationId: string; id: string; body: string }[] = [];
  /** False while the test takes customers' pages away (their node died): they do not write then. */
  customersUp = true;
  private running = false;
  private loops: Promise<void>[] = [];

  private constructor(
    private readonly cluster: ProcessCluster,
    readonly agents: Agent[],
    readonly customers: { customer: WebchatCustomer; node: number }[],
  ) {}

  static async start(cluster: ProcessCluster): Promise<ChatLoad> {
    const agents: Agent[] = [];
    for (const [email, node] of [['mei@demo.test', 1], ['somchai@demo.test', 2]] as const) agents.push({ email, ...(await cluster.desk(email, node)) });
    const customers: { customer: WebchatCustomer; node: number }[] = [];
    for (const [name, language, node] of [['Li Wei', 'zh-CN', 0], ['Nok', 'th-TH', 1], ['Chen', 'zh-CN', 2], ['Somsri', 'th-TH', 0]] as const) {
      const customer = await cluster.customer(name, language, node);
      customer.send(`${name}: 你好`);
      customers.push({ customer, node });
    }
    await waitFor(
      'every conversation at an agent',
      () => customers.every(({ customer }) => agents.some(({ workstation }) => workstation.snapshot().conversations.some((x) => x.id === customer.conversationId))),
      20_000,
    );
    const load = new ChatLoad(cluster, agents, customers);
    load.run();
    return load;
  }

  private run(): void {
    this.running = true;
    let counter = 0;
    this.loops = [
      (async () => {
        for (let i = 0; this.running; i++) {
          if (this.customersUp) for (const { customer } of this.customers) customer.send(`${customer.name} #${i}`);
          await sleep(300);
        }
      })(),
      (async () => {
        while (this.running) {
          for (const { email, workstation, id } of this.agents) {
            const mine = workstation.snapshot().conversations.filter((c) => c.assigneeId === id);
            if (mine.length === 0) continue;
            const conversation = mine[counter % mine.length]!;
            const body = `${email.split('@')[0]} reply ${++counter}`;
            const { message } = await workstation.handlers['conversations.reply']({ conversationId: conversation.id, body });
            this.written.push({ email, conversationId: conversation.id, id: message.id, body });
          }
          await sleep(150);
        }
      })(),
    ];
  }

  /** Customers whose page was on `node` open it again (through their balancer, on another node). */
  async reconnectCustomersOf(node: number): Promise<void> {
    for (const { customer } of this.customers.filter((c) => c.node === node)) {
      customer.close();
      await customer.connect();
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Nothing acknowledged lost or duplicated, every thread the same at the customer, every cache as a fresh one's. */
  async check(): Promise<void> {
    await this.stop();
    for (const { email, workstation } of this.agents) {
      await waitFor(
        `${email}'s outbox to empty`,
        async () => {
          const { connection } = await workstation.handlers['session.get']({});
          return connection.state === 'online' && connection.pendingCount === 0 && workstation.snapshot().outboxCount === 0;
        },
        30_000,
      );
      const delivery = new Map(workstation.snapshot().messages.map((m) => [m.id, m.delivery]));
      const mine = this.written.filter((w) => w.email === email);
      expect(mine.filter((w) => delivery.get(w.id) !== 'sent').map((w) => [w.body, delivery.get(w.id)])).toEqual([]);
    }
    expect(this.written.length).toBeGreaterThan(10);

    for (const { customer } of this.customers) {
      customer.close();
      customer.messages.length = 0;
      await customer.connect(); // the whole thread, as the relay holds it
      const expected = this.written.filter((w) => w.conversationId === customer.conversationId).map((w) => w.body);
      expect(customer.fromAgents().map((m) => m.body), customer.name).toEqual(expected);
    }

    for (const { email, workstation, id } of this.agents) {
      const oracleVia = await this.cluster.via(0);
      const oracle = await openOracle(this.cluster.dir, oracleVia.url, email);
      this.cluster.keep(oracle);
      await expectConverged(email, () => workstation.snapshot(), oracle);
      for (const { customer } of this.customers) {
        if (oracle.snapshot().conversations.find((x) => x.id === customer.conversationId)?.assigneeId !== id) continue;
        const thread = oracle.snapshot().messages.filter((m) => m.conversationId === customer.conversationId);
        expect(customer.messages.map((m) => [m.id, m.body]), customer.name).toEqual(thread.map((m) => [m.id, m.body]));
      }
    }
  }
}
