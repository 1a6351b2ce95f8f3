import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEBCHAT_QUIET } from '../../src-relay/testing/socket-client.js';
import { natsAvailable, TEST_NATS_URL } from '../support/nats.js';
import { waitFor } from '../support/wait.js';
import { ready, RelayNodes } from './relay-nodes.js';

const natsUp = await natsAvailable();

const DESK_QUIET = ['presence', 'events'];
const CUSTOMER_QUIET = [...WEBCHAT_QUIET, 'message'];
const OFFER = { description: { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } } as const;
const CANDIDATE = { candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };

/** The switchboard stays on the customer's node; the desk's node passes the frames between its desks and it. */
describe.skipIf(!natsUp)('web calls across relay nodes', () => {
  let nodes: RelayNodes;
  beforeEach(async () => {
    nodes = new RelayNodes();
    await nodes.seed();
  });
  afterEach(async () => {
    await nodes.close();
  });

  async function twoNodes() {
    const cluster = { presenceHeartbeatMs: 200 };
    const a = await nodes.start({ natsUrl: TEST_NATS_URL, cluster });
    const b = await nodes.start({ natsUrl: TEST_NATS_URL, cluster });
    await waitFor('both nodes ready', async () => (await ready(a)) && (await ready(b)));
    return { a, b };
  }

  it("rings a desk on node B for a customer's call on node A, connects the signalling both ways, and hangs up both sides", async () => {
    const { a, b } = await twoNodes();
    const ann = await nodes.desk(b, 'ann@acme.test');
    const { page, conversationId } = await nodes.customer(a, 'Kim');
    await ann.sees('the conversation from node A', (e) => e.data.type === 'conversation.upserted' && e.data.conversation.id === conversationId);

    page.send({ type: 'call.start', callId: 'call-0001' });
    await page.expect('call.ringing', CUSTOMER_QUIET);
    expect(await ann.client.expect('call.ring', DESK_QUIET)).toMatchObject({ callId: 'call-0001', conversationId, customerName: 'Kim' });

    ann.client.send({ type: 'call.answer', callId: 'call-0001' });
    expect(await page.expect('call.answered', CUSTOMER_QUIET)).toMatchObject({ agentName: 'Ann' });
    page.send({ type: 'call.signal', callId: 'call-0001', signal: OFFER });
    expect((await ann.client.expect('call.signal', DESK_QUIET)).signal).toEqual(OFFER);
    ann.client.send({ type: 'call.signal', callId: 'call-0001', signal: CANDIDATE });
    expect((await page.expect('call.signal', CUSTOMER_QUIET)).signal).toEqual(CANDIDATE);
    ann.client.send({ type: 'call.hold', callId: 'call-0001', held: true });
    expect(await page.expect('call.held', CUSTOMER_QUIET)).toMatchObject({ held: true });

    ann.client.send({ type: 'call.hangup', callId: 'call-0001' });
    expect(await page.expect('call.ended', CUSTOMER_QUIET)).toMatchObject({ reason: 'hangup' });
    expect(await ann.client.expect('call.ended', DESK_QUIET)).toMatchObject({ callId: 'call-0001', reason: 'hangup' });
  });

  it('ends the call for the customer on node A when the answering desk on node B goes away', async () => {
    const { a, b } = await twoNodes();
    const ann = await nodes.desk(b, 'ann@acme.test');
    const { page, conversationId } = await nodes.customer(a, 'Kim');
    await ann.sees('the conversation from node A', (e) => e.data.type === 'conversation.upserted' && e.data.conversation.id === conversationId);

    page.send({ type: 'call.start', callId: 'call-0002' });
    await page.expect('call.ringing', CUSTOMER_QUIET);
    await ann.client.expect('call.ring', DESK_QUIET);
    ann.client.send({ type: 'call.answer', callId: 'call-0002' });
    await page.expect('call.answered', CUSTOMER_QUIET);
    ann.client.close();
    expect(await page.expect('call.ended', CUSTOMER_QUIET)).toMatchObject({ callId: 'call-0002' });
  });
});
