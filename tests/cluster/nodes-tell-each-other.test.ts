import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import type { WebchatMessage } from '../../src-shared/protocol/webchat.js';
import { natsAvailable, TEST_NATS_URL } from '../support/nats.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait.js';
import { readiness, ready, RelayNodes } from './relay-nodes.js';

const natsUp = await natsAvailable();

const messageBody = (event: SyncEvent) => (event.data.type === 'message.created' ? event.data.message.body : null);

async function committedTotal(metricsUrl: string | null): Promise<number> {
  const text = await (await fetch(metricsUrl!)).text();
  return Number(/^relay_events_committed_total (\d+)/m.exec(text)?.[1]);
}

/** Every web-chat message the page was shown, ready's thread included, by id. */
async function shownMessages(page: Awaited<ReturnType<RelayNodes['customer']>>['page']): Promise<WebchatMessage[]> {
  const shown: WebchatMessage[] = [];
  while (page.pending().length > 0) {
    const frame = await page.next();
    if (frame.type === 'message') shown.push(frame.message);
  }
  return shown;
}

describe.skipIf(!natsUp)('relay nodes tell each other over NATS', () => {
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

  it("brings a customer's message on node B to a desk on node A and the desk's reply back, once each, counting each commit on its own node", async () => {
    const metrics = { metricsAddress: { host: '127.0.0.1', port: 0 } };
    const a = await nodes.start({ natsUrl: TEST_NATS_URL, ops: metrics });
    const b = await nodes.start({ natsUrl: TEST_NATS_URL, ops: metrics });
    await waitFor('both nodes ready, the bus connected', async () => (await ready(a)) && (await ready(b)));
    expect((await readiness(a)).checks).toEqual({ database: 'ok', bus: 'ok' });
    const ann = await nodes.desk(a, 'ann@acme.test');
    const committedOnA = await committedTotal(a.metricsUrl);

    const { page, conversationId } = await nodes.customer(b, 'Kim');
    // Routed on B, where Ann has no connection (B knows her desk on A from A's presence announcements): her desk on A sees it.
    await ann.sees('the new conversation', (e) => e.data.type === 'conversation.upserted' && e.data.conversation.id === conversationId);
    page.send({ type: 'send', clientMessageId: 'kim-msg-0001', body: 'Hello from node B' });
    await ann.sees("the customer's message", (e) => messageBody(e) === 'Hello from node B');
    expect(await committedTotal(a.metricsUrl)).toBe(committedOnA);
    expect(await committedTotal(b.metricsUrl)).toBeGreaterThan(0);

    ann.client.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: Date.now(), body: { kind: 'reply.send', conversationId, messageId: 'ann-reply-1', body: 'Hello from node A' } }] });
    await ann.sees('her own reply', (e) => messageBody(e) === 'Hello from node A');
    await waitFor('the ack', async () => (await ann.take(), ann.acks.length > 0));
    expect(ann.acks[0]?.rejections).toEqual([]);
    expect(await committedTotal(a.metricsUrl)).toBeGreaterThan(committedOnA);

    const shown: WebchatMessage[] = [];
    await waitFor('the reply on the customer’s page', async () => {
      shown.push(...(await shownMessages(page)));
      return shown.some((m) => m.body === 'Hello from node A');
    });
    // Anything late would have come by now: the pokes of the last commits are long in.
    await new Promise((resolve) => setTimeout(resolve, 500));
    shown.push(...(await shownMessages(page)));
    await ann.take();

    expect(shown.map((m) => m.body)).toEqual(['Hello from node B', 'Hello from node A']);
    const seqs = ann.events.map((e) => e.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
    expect(ann.gaps).toEqual([]);
    expect(ann.events.filter((e) => messageBody(e) !== null).map(messageBody)).toEqual(['Hello from node B', 'Hello from node A']);
  });

  it('delivers by polling what a lost poke did not announce, and answers not ready while the bus is away', async () => {
    const { hostname, port } = new URL(TEST_NATS_URL);
    proxy = await startTcpProxy({ host: hostname, port: Number(port || 4222) });
    const a = await nodes.start({ natsUrl: TEST_NATS_URL });
    const b = await nodes.start({ natsUrl: `nats://127.0.0.1:${proxy.port}`, cluster: { pollIntervalMs: 300 } });
    await waitFor('both nodes ready', async () => (await ready(a)) && (await ready(b)));
    const ann = await nodes.desk(b, 'ann@acme.test');

    await proxy.cut();
    await waitFor('B not ready: its bus is away', async () => (await readiness(b)).checks.bus === 'failed');
    expect((await readiness(b)).status).toBe('unready');
    const { page, conversationId } = await nodes.customer(a, 'Lee');
    page.send({ type: 'send', clientMessageId: 'lee-msg-0001', body: 'Sent while B is off the bus' });
    // A's pokes never reach B: B's poller finds the new head in the log.
    await ann.sees('the message, by polling', (e) => messageBody(e) === 'Sent while B is off the bus');
    expect(ann.events.some((e) => e.data.type === 'conversation.upserted' && e.data.conversation.id === conversationId)).toBe(true);

    await proxy.resume();
    await waitFor('B ready again', () => ready(b));
    page.send({ type: 'send', clientMessageId: 'lee-msg-0002', body: 'Sent once B is back' });
    await ann.sees('the next message', (e) => messageBody(e) === 'Sent once B is back');
    await ann.take();
    expect(ann.gaps).toEqual([]);
    const seqs = ann.events.map((e) => e.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
  });
});
