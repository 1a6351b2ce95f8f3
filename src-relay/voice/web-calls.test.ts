import { describe, expect, it } from 'vitest';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import type { TenantSeed } from '../demo/seed.js';
import { WEBCHAT_QUIET } from '../testing/socket-client.js';
import { useSeededRelay } from '../testing/sync-harness.js';
import { TEST_PASSWORD } from '../testing/test-relay.js';

const SEED: TenantSeed = {
  tenant: { id: 'acme', name: 'Acme' },
  password: TEST_PASSWORD,
  teams: [{ id: 'team', name: 'Team', languages: ['en'] }],
  agents: [
    { id: 'ann', email: 'ann@acme.test', name: 'Ann', role: 'agent', language: 'en', teams: ['team'] },
    { id: 'bob', email: 'bob@acme.test', name: 'Bob', role: 'agent', language: 'en', teams: ['team'] },
  ],
};
const DESK_QUIET = ['presence', 'events'];
const CUSTOMER_QUIET = [...WEBCHAT_QUIET, 'message'];
const OFFER = { description: { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } } as const;

/** The relay passes a web call's signalling between the customer's page and the desk that answers, and nothing else. */
describe('web calls through the relay', () => {
  const relay = useSeededRelay(SEED, Date.UTC(2026, 11, 1, 10));

  async function customer() {
    const page = await relay.open(WEBCHAT_PATH, WebchatServerFrame);
    page.send({ type: 'hello', tenant: 'acme', name: 'Kim', language: 'en' });
    const ready = await page.expect('ready', WEBCHAT_QUIET);
    return { page, conversationId: ready.conversationId };
  }

  it("rings the conversation's agent, connects the desk that answers, and ends both sides", async () => {
    const ann = (await relay.signIn('ann@acme.test')).client;
    const bob = (await relay.signIn('bob@acme.test')).client;
    const { page, conversationId } = await customer();
    page.send({ type: 'call.start', callId: 'call-0001' });
    await page.expect('call.ringing', CUSTOMER_QUIET);
    const ring = await ann.expect('call.ring', DESK_QUIET);
    expect(ring).toMatchObject({ callId: 'call-0001', conversationId, customerName: 'Kim' });

    // Bob was not rung: his answer changes nothing.
    bob.send({ type: 'call.answer', callId: 'call-0001' });
    ann.send({ type: 'call.answer', callId: 'call-0001' });
    expect(await page.expect('call.answered', CUSTOMER_QUIET)).toMatchObject({ agentName: 'Ann' });

    page.send({ type: 'call.signal', callId: 'call-0001', signal: OFFER });
    expect((await ann.expect('call.signal', DESK_QUIET)).signal).toEqual(OFFER);
    const candidate = { candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };
    ann.send({ type: 'call.signal', callId: 'call-0001', signal: candidate });
    expect((await page.expect('call.signal', CUSTOMER_QUIET)).signal).toEqual(candidate);
    ann.send({ type: 'call.hold', callId: 'call-0001', held: true });
    expect(await page.expect('call.held', CUSTOMER_QUIET)).toMatchObject({ held: true });

    page.send({ type: 'call.hangup', callId: 'call-0001' });
    expect(await ann.expect('call.ended', DESK_QUIET)).toMatchObject({ callId: 'call-0001', reason: 'hangup' });
    expect(await page.expect('call.ended', CUSTOMER_QUIET)).toMatchObject({ reason: 'hangup' });
  });

  it('tells the customer when no agent can take a call, and refuses a malformed signal', async () => {
    const { page } = await customer();
    page.send({ type: 'call.start', callId: 'call-0002' });
    expect(await page.expect('call.ended', CUSTOMER_QUIET)).toMatchObject({ reason: 'no-agent' });
    page.send({ type: 'call.signal', callId: 'call-0002', signal: { description: { type: 'offer', sdp: 'x'.repeat(70_000) } } });
    expect((await page.expect('error', CUSTOMER_QUIET)).message).toMatch(/sdp|Too big|64000/i);
  });

  it('ends the call for the customer when the desk that answered goes away', async () => {
    const ann = (await relay.signIn('ann@acme.test')).client;
    const { page } = await customer();
    page.send({ type: 'call.start', callId: 'call-0003' });
    await ann.expect('call.ring', DESK_QUIET);
    ann.send({ type: 'call.answer', callId: 'call-0003' });
    await page.expect('call.answered', [...CUSTOMER_QUIET, 'call.ringing']);
    ann.close();
    expect(await page.expect('call.ended', CUSTOMER_QUIET)).toMatchObject({ reason: 'failed' });
  });
});
