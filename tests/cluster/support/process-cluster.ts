import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Workstation } from '../../../src-main/core/workstation.js';
import { FAST_SYNC } from '../../fault/support/convergence.js';
import { RelayProcess } from '../../fault/support/relay-process.js';
import { waitFor } from '../../support/wait.js';
import { WebchatCustomer } from '../../support/webchat-customer.js';
import { FailoverBalancer } from './failover-balancer.js';
import type { OwnNats, OwnPostgres } from './own-services.js';
import { freePort } from '../../support/processes.js';

let databases = 0;

/**
 * Three relay processes (the CLI) on the suite's own PostgreSQL (a fresh database each) and NATS.
 * Only the first seeds the demo company; the others start once it is in. Desks and customer pages
 * reach the nodes through balancers of their own that prefer one node and skip dead ones.
 */
export class ProcessCluster {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'cluster-proc-'));
  readonly nodes: RelayProcess[] = [];
  readonly ports: number[] = [];
  readonly balancers: FailoverBalancer[] = [];
  private readonly workstations: Workstation[] = [];
  private readonly customers: WebchatCustomer[] = [];
  private env: Record<string, string> = {};
  databaseUrl = '';

  constructor(
    private readonly postgres: OwnPostgres,
    private readonly nats: OwnNats,
  ) {}

  async start(): Promise<void> {
    this.databaseUrl = this.postgres.createDatabase(`cluster_${process.pid}_${++databases}`);
    this.env = { RELAY_DATABASE_URL: this.databaseUrl, RELAY_NATS_URL: this.nats.url };
    for (let i = 0; i < 3; i++) this.ports.push(await freePort());
    this.nodes.push(await RelayProcess.start(this.dbPath, this.ports[0]!, { env: this.env }));
    this.nodes.push(...(await Promise.all([1, 2].map((i) => this.restartNodeProcess(i)))));
  }

  private get dbPath(): string {
    return path.join(this.dir, 'unused.sqlite');
  }

  private restartNodeProcess(index: number): Promise<RelayProcess> {
    return RelayProcess.start(this.dbPath, this.ports[index]!, { demo: false, env: this.env });
  }

  /** Starts node `index` again on its port, after a kill. */
  async restartNode(index: number): Promise<void> {
    this.nodes[index] = await this.restartNodeProcess(index);
  }

  /** The node list starting at `preferred`, then the others in order. */
  async via(preferred: number): Promise<FailoverBalancer> {
    const order = [0, 1, 2].map((i) => this.ports[(preferred + i) % 3]!);
    const balancer = await FailoverBalancer.start(order);
    this.balancers.push(balancer);
    return balancer;
  }

  /** A desk signed in through a balancer preferring node `preferred`; `log` keeps what its sync client logged. */
  async desk(email: string, preferred: number): Promise<{ workstation: Workstation; id: string; balancer: FailoverBalancer; log: string[] }> {
    const balancer = await this.via(preferred);
    const log: string[] = [];
    const workstation = Workstation.open({
      dbPath: path.join(this.dir, `${email}.sqlite`),
      relayUrl: balancer.url,
      syncTiming: FAST_SYNC,
      log: (message) => log.push(message),
    });
    this.workstations.push(workstation);
    const { agent } = await workstation.handlers['session.login']({ email, password: 'demo1234' });
    if (!agent) throw new Error(`${email} did not sign in`);
    await waitFor(`${email} online`, async () => (await workstation.handlers['session.get']({})).connection.state === 'online', 20_000);
    return { workstation, id: agent.id, balancer, log };
  }

  async customer(name: string, language: string, preferred: number): Promise<WebchatCustomer> {
    const balancer = await this.via(preferred);
    const customer = await WebchatCustomer.start(balancer.url, name, language);
    this.customers.push(customer);
    return customer;
  }

  /** Remembers a workstation the test opened itself, to close it at the end. */
  keep(workstation: Workstation): void {
    this.workstations.push(workstation);
  }

  async close(): Promise<void> {
    for (const c of this.customers.splice(0)) c.close();
    for (const w of this.workstations.splice(0)) await w.close().catch(() => undefined);
    for (const b of this.balancers.splice(0)) await b.close();
    for (const node of this.nodes.splice(0)) await node.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
