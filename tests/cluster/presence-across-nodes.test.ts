import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Presence } from '../../src-shared/domain/model.js';
import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import { natsAvailable, TEST_NATS_URL } from '../support/nats.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait.js';
import { ready, RelayNodes, type Desk } from './relay-nodes.js';

const natsUp = await natsAvailable();

/** Short heartbeats: a node not heard for 3 of them (600 ms) is taken for dead. */
const HEARTBEAT_MS = 200;
const EXPIRY_MS = 3 * HEARTBEAT_MS;

/** What a supervisor's desk is sent: the latest presence per agent, and the events. */
class SupervisorWatch {
  private readonly latest = new Map<string, Presence>();
  /** How many presence frames told of each agent: a change elsewhere (their desk's models, say) sends one. */
  private readonly told = new Map<string, number>();
  readonly events: SyncEvent[] = [];
  constructor(private readonly desk: Desk) {}

  async presenceOf(agentId: string): Promise<Presence | undefined> {
    await this.take();
    return this.latest.get(agentId);
  }

  async timesTold(agentId: string): Promise<number> {
    await this.take();
    return this.told.get(agentId) ?? 0;
  }

  async sees(matches: (event: SyncEvent) => boolean): Promise<boolean> {
    await this.take();
    return this.events.some(matches);
  }

  private async take(): Promise<void> {
    while (this.desk.client.pending().length > 0) {
      const frame = await this.desk.client.next();
      if (frame.type === 'presence') {
        this.latest.set(frame.agentId, frame.presence);
        this.told.set(frame.agentId, (this.told.get(frame.agentId) ?? 0) + 1);
      }
      if (frame.type === 'presences') for (const agent of frame.agents) this.latest.set(agent.agentId, agent.presence);
      if (frame.type === 'events') this.events.push(...frame.events);
    }
  }
}

const assignedTo = (conversationId: string, agentId: string | null) => (event: SyncEvent) =>
  event.data.type === 'conversation.upserted' && event.data.conversation.id === conversationId && event.data.conversation.assigneeId === agentId;

describe.skipIf(!natsUp)('presence across relay nodes', () => {
  let nodes: RelayNodes;
  let proxy: TcpProxy | null = null;
  beforeEach(async () => {
    nodes = new RelayNodes();
    await nodes.seed();
  });
  afterEach(async () => {
    await nodes.close();
    await proxy?.close();
    proxy = null;
  });

  it('routes a conversation opened on node A to the desk signed in on node B, and stops once that desk is gone', async () => {
    const cluster = { presenceHeartbeatMs: HEARTBEAT_MS };
    const a = await nodes.start({ natsUrl: TEST_NATS_URL, cluster });
    const b = await nodes.start({ natsUrl: TEST_NATS_URL, cluster });
    await waitFor('both nodes ready', async () => (await ready(a)) && (await ready(b)));
    const sue = new SupervisorWatch(await nodes.desk(a, 'sue@acme.test'));
    const ann = await nodes.desk(b, 'ann@acme.test');
    await waitFor('node A hears that Ann is available on B', async () => (await sue.presenceOf('ann')) === 'available');

    const first = await nodes.customer(a, 'Kim');
    await ann.sees('the conversation from node A, assigned to her', assignedTo(first.conversationId, 'ann'));

    ann.client.close();
    await waitFor("Ann offline on node A as soon as B says she left", async () => (await sue.presenceOf('ann')) === 'offline', 2_000);
    const second = await nodes.customer(a, 'Lee');
    await waitFor('the second conversation, queued', () => sue.sees(assignedTo(second.conversationId, null)));
    expect(await sue.sees(assignedTo(second.conversationId, 'ann'))).toBe(false);
  });

  it('routes by the translation models a desk on node B reported: node A hears of them with its presence', async () => {
    const cluster = { presenceHeartbeatMs: HEARTBEAT_MS };
    const a = await nodes.start({ natsUrl: TEST_NATS_URL, cluster });
    const b = await nodes.start({ natsUrl: TEST_NATS_URL, cluster });
    await waitFor('both nodes ready', async () => (await ready(a)) && (await ready(b)));
    const sue = new SupervisorWatch(await nodes.desk(a, 'sue@acme.test'));
    // Bob writes German; the customers below write English.
    const bob = await nodes.desk(b, 'bob@acme.test');
    await waitFor('node A hears that Bob is available on B', async () => (await sue.presenceOf('bob')) === 'available');
    const kim = await nodes.customer(a, 'Kim');
    await waitFor("Kim's conversation, queued: Bob's desk has no model", () => sue.sees(assignedTo(kim.conversationId, null)));

    const told = await sue.timesTold('bob');
    bob.client.send({ type: 'translation-routes', routes: [{ source: 'en', target: 'de' }, { source: 'de', target: 'en' }] });
    // Node B drains its queue for Bob at once; node A learns of his models from B's announcement.
    await bob.sees("Kim's conversation, his now", assignedTo(kim.conversationId, 'bob'));
    await waitFor('node A hears of the models on B', async () => (await sue.timesTold('bob')) > told, 2_000);
    const lee = await nodes.customer(a, 'Lee');
    await bob.sees("Lee's conversation, routed on node A", assignedTo(lee.conversationId, 'bob'));
  });

  it("tells a desk on node B, and node A's desks, when a supervisor on node A sets its agent away", async () => {
    const cluster = { presenceHeartbeatMs: HEARTBEAT_MS };
    const a = await nodes.start({ natsUrl: TEST_NATS_URL, cluster });
    const b = await nodes.start({ natsUrl: TEST_NATS_URL, cluster });
    await waitFor('both nodes ready', async () => (await ready(a)) && (await ready(b)));
    const sueDesk = await nodes.desk(a, 'sue@acme.test');
    const sue = new SupervisorWatch(sueDesk);
    const ann = new SupervisorWatch(await nodes.desk(b, 'ann@acme.test'));
    await waitFor('node A hears that Ann is available on B', async () => (await sue.presenceOf('ann')) === 'available');

    sueDesk.client.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: Date.now(), body: { kind: 'agent.setPresence', agentId: 'ann', presence: 'away' } }] });
    await waitFor("Ann's own desk on node B shows her away", async () => (await ann.presenceOf('ann')) === 'away');
    await waitFor('and so does Sue on node A', async () => (await sue.presenceOf('ann')) === 'away');
  });

  it("drops the desks of a node that goes silent without a goodbye within 3 heartbeats", async () => {
    const { hostname, port } = new URL(TEST_NATS_URL);
    proxy = await startTcpProxy({ host: hostname, port: Number(port || 4222) });
    const cluster = { presenceHeartbeatMs: HEARTBEAT_MS };
    const a = await nodes.start({ natsUrl: TEST_NATS_URL, cluster });
    const b = await nodes.start({ natsUrl: `nats://127.0.0.1:${proxy.port}`, cluster });
    await waitFor('both nodes ready', async () => (await ready(a)) && (await ready(b)));
    const sue = new SupervisorWatch(await nodes.desk(a, 'sue@acme.test'));
    await nodes.desk(b, 'ann@acme.test');
    await waitFor('node A hears that Ann is available on B', async () => (await sue.presenceOf('ann')) === 'available');

    // B (and Ann's socket on it) stays up, but A hears nothing more from it: as if B died.
    const cutAt = Date.now();
    await proxy.cut();
    await waitFor('Ann offline on node A', async () => (await sue.presenceOf('ann')) === 'offline', 5_000);
    const tookMs = Date.now() - cutAt;
    // The expiry, a quarter heartbeat's sweep and a heartbeat that may have just gone out.
    expect(tookMs).toBeLessThan(EXPIRY_MS + HEARTBEAT_MS + 500);

    const kim = await nodes.customer(a, 'Kim');
    await waitFor("Kim's conversation, queued: Ann is out of routing", () => sue.sees(assignedTo(kim.conversationId, null)));
    expect(await sue.sees(assignedTo(kim.conversationId, 'ann'))).toBe(false);
  });
});
