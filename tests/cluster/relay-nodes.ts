import { RelayFrame, SYNC_PATH, type SyncEvent } from '../../src-shared/protocol/sync.js';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import { testPrefix } from '../../src-relay/bus/testing/poke-nodes.js';
import { startRelay, type RelayOptions, type RunningRelay } from '../../src-relay/server.js';
import { SocketClient } from '../../src-relay/testing/socket-client.js';
import { ACME, login, seedDatabase, tempDatabase, type TempDatabase } from '../../src-relay/testing/test-relay.js';
import { waitFor } from '../support/wait.js';

/**
 * Relay nodes in this process on one database: a PostgreSQL schema when the tests run on
 * PostgreSQL (RELAY_TEST_STORAGE=postgres, with the adapter), else one SQLite file (WAL), whose
 * write lock keeps seqs gap-free across the nodes' connections. A second SQLite connection in the
 * same process must never wait for that lock while the first holds it across an await (it would
 * block the thread the holder needs), so the nodes' own timers are slowed right down unless a test
 * turns one on, and each test's writes follow one another.
 */
export class RelayNodes {
  readonly prefix = testPrefix();
  private temp: TempDatabase | null = null;
  private readonly nodes: RunningRelay[] = [];
  private readonly sockets: { close(): void }[] = [];

  /** `storage` forces an adapter; by default the one the tests run on (RELAY_TEST_STORAGE). */
  async seed(storage?: 'sqlite' | 'postgres'): Promise<void> {
    this.temp = await tempDatabase(storage);
    await seedDatabase(this.temp.dbPath, ACME);
  }

  /** What the nodes open: the SQLite file, or the postgres:// URL of the test's schema. */
  get dbPath(): string {
    if (!this.temp) throw new Error('seed() the database first');
    return this.temp.dbPath;
  }

  async start(options: Partial<RelayOptions> = {}): Promise<RunningRelay> {
    if (!this.temp) throw new Error('seed() the database before starting nodes on it');
    const node = await startRelay({
      dbPath: this.temp.dbPath,
      offerCheckIntervalMs: 3_600_000,
      slaCheckIntervalMs: 3_600_000,
      queueDrainIntervalMs: 3_600_000,
      ...options,
      cluster: { subjectPrefix: this.prefix, reconnectWaitMs: 100, pingIntervalMs: 500, pollIntervalMs: 60_000, ...options.cluster },
    });
    this.nodes.push(node);
    return node;
  }

  /** A desk signed in on `node`, live after its pulls; every events frame it gets is kept in `frames`. */
  async desk(node: RunningRelay, email: string): Promise<Desk> {
    const { token } = await login(node.url, email);
    const client = await SocketClient.open(node.url.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
    this.sockets.push(client);
    client.send({ type: 'hello', token, clientId: `${email}-${node.port}` });
    const welcome = await client.expect('welcome', []);
    let cursor = 0;
    for (;;) {
      client.send({ type: 'pull', cursor });
      const frame = await client.expect('events');
      cursor = frame.to;
      if (!frame.hasMore) break;
    }
    return new Desk(client, welcome.headSeq, cursor);
  }

  /** A customer's chat page on `node`, hello said. */
  async customer(node: RunningRelay, name: string): Promise<{ page: SocketClient<WebchatServerFrame>; conversationId: string }> {
    const page = await SocketClient.open(node.url.replace(/^http/, 'ws') + WEBCHAT_PATH, WebchatServerFrame);
    this.sockets.push(page);
    page.send({ type: 'hello', tenant: 'acme', name, language: 'en-GB' });
    const ready = await page.expect('ready', ['queue', 'language']);
    return { page, conversationId: ready.conversationId };
  }

  /** Closes one node as a graceful stop does: its sockets close, its leases are given up. */
  async stop(node: RunningRelay): Promise<void> {
    this.nodes.splice(this.nodes.indexOf(node), 1);
    await node.close();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets.splice(0)) socket.close();
    for (const node of this.nodes.splice(0)) await node.close();
    await this.temp?.remove();
  }
}

/** A desk as the sync client sees it: it applies a frame only when `from` is its cursor. */
export class Desk {
  readonly events: SyncEvent[] = [];
  /** Frames whose `from` was not the cursor: the real client would have pulled. */
  readonly gaps: { from: number; cursor: number }[] = [];
  readonly acks: Extract<RelayFrame, { type: 'ack' }>[] = [];

  constructor(
    readonly client: SocketClient<RelayFrame>,
    readonly headAtWelcome: number,
    public cursor: number,
  ) {}

  /** Takes the frames received so far, as the client would apply them. */
  async take(): Promise<void> {
    while (this.client.pending().length > 0) {
      const frame = await this.client.next();
      if (frame.type === 'ack') this.acks.push(frame);
      if (frame.type !== 'events') continue;
      if (frame.from !== this.cursor) this.gaps.push({ from: frame.from, cursor: this.cursor });
      this.events.push(...frame.events);
      this.cursor = frame.to;
    }
  }

  /** Waits for an event that `matches`, taking frames as they come. */
  async sees(what: string, matches: (event: SyncEvent) => boolean, timeoutMs = 10_000): Promise<SyncEvent> {
    return waitFor(
      what,
      async () => {
        await this.take();
        return this.events.find(matches);
      },
      timeoutMs,
    );
  }
}

/** True once the node answers /readyz with 200: its database and its bus are up. */
export async function ready(node: RunningRelay): Promise<boolean> {
  const response = await fetch(`${node.url}/readyz`);
  return response.status === 200;
}

export async function readiness(node: RunningRelay): Promise<{ status: string; checks: Record<string, string> }> {
  return (await (await fetch(`${node.url}/readyz`)).json()) as { status: string; checks: Record<string, string> };
}
