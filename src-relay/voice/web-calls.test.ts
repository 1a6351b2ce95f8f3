import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conversation } from '../../src-shared/domain/model.js';
import { LiveBoard, SUPERVISOR_LIVE_PATH } from '../../src-shared/protocol/supervisor.js';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import type { TenantSeed } from '../demo/seed.js';
import type { RelayCore } from '../relay-core.js';
import { WEBCHAT_QUIET } from '../testing/socket-client.js';
import { useSeededRelay } from '../testing/sync-harness.js';
import { acmeCore, addTestConversation, TEST_PASSWORD } from '../testing/test-relay.js';
import { WebCalls, type AgentLine } from './web-calls.js';

const SEED: TenantSeed = {
  tenant: { id: 'acme', name: 'Acme' },
  password: TEST_PASSWORD,
  teams: [
    { id: 'team', name: 'Team', languages: ['en'] },
    { id: 'sales', name: 'Sales', languages: ['en'] },
  ],
  agents: [
    { id: 'ann', email: 'ann@acme.test', name: 'Ann', role: 'agent', language: 'en', teams: ['team'] },
    { id: 'bob', email: 'bob@acme.test', name: 'Bob', role: 'agent', language: 'en', teams: ['team'] },
    { id: 'cat', email: 'cat@acme.test', name: 'Cat', role: 'agent', language: 'en', teams: ['sales'] },
    { id: 'dan', email: 'dan@acme.test', name: 'Dan', role: 'agent', language: 'en', teams: ['sales'] },
    { id: 'root', email: 'root@acme.test', name: 'Root', role: 'admin', language: 'en', teams: [] },
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
    // Supervisors see who is talking on a call.
    const onCall = async () => {
      const { token } = await relay.signIn('root@acme.test');
      const response = await fetch(`${relay.relayUrl()}${SUPERVISOR_LIVE_PATH}`, { headers: { authorization: `Bearer ${token}` } });
      return LiveBoard.parse(await response.json()).agents.filter((agent) => agent.onCall).map((agent) => agent.id);
    };
    expect(await onCall()).toEqual(['ann']);

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
    expect(await onCall()).toEqual([]);
  });

  it('keeps a call waiting in line while no agent is free, and rings the first who comes', async () => {
    const { page, conversationId } = await customer();
    page.send({ type: 'call.start', callId: 'call-0002' });
    expect(await page.expect('call.waiting', CUSTOMER_QUIET)).toMatchObject({ callId: 'call-0002' });
    const ann = (await relay.signIn('ann@acme.test')).client;
    expect(await ann.expect('call.ring', DESK_QUIET)).toMatchObject({ callId: 'call-0002', conversationId });
    await page.expect('call.ringing', CUSTOMER_QUIET);
  });

  it('refuses a malformed signal', async () => {
    const { page } = await customer();
    page.send({ type: 'call.start', callId: 'call-0002' });
    await page.expect('call.waiting', CUSTOMER_QUIET);
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

/** A call that rings out or is declined moves on; a desk with the call hands it to a colleague or a team. */
describe('web calls passed on and transferred', () => {
  const relay = useSeededRelay(SEED, Date.UTC(2026, 11, 1, 10));
  const CANDIDATE = { candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };
  const NOTE = 'Wants a refund for order 1234.';

  async function customer() {
    const page = await relay.open(WEBCHAT_PATH, WebchatServerFrame);
    page.send({ type: 'hello', tenant: 'acme', name: 'Kim', language: 'en' });
    const ready = await page.expect('ready', WEBCHAT_QUIET);
    return { page, conversationId: ready.conversationId };
  }

  /** Ann takes Kim's chat and answers her call. */
  async function answeredByAnn(callId: string) {
    const ann = (await relay.signIn('ann@acme.test')).client;
    const { page, conversationId } = await customer();
    page.send({ type: 'call.start', callId });
    await ann.expect('call.ring', DESK_QUIET);
    ann.send({ type: 'call.answer', callId });
    expect(await page.expect('call.answered', [...CUSTOMER_QUIET, 'call.ringing'])).toMatchObject({ agentName: 'Ann' });
    return { ann, page, conversationId };
  }

  /** The conversation as the log tells an administrator. */
  async function conversationOf(id: string): Promise<Conversation> {
    const { events } = await relay.pullAll((await relay.signIn('root@acme.test')).client);
    let found: Conversation | undefined;
    for (const { data } of events) if (data.type === 'conversation.upserted' && data.conversation.id === id) found = data.conversation;
    if (!found) throw new Error(`no conversation ${id}`);
    return found;
  }

  it('rings the next agent when the first declines', async () => {
    const ann = (await relay.signIn('ann@acme.test')).client;
    const bob = (await relay.signIn('bob@acme.test')).client;
    const { page } = await customer();
    page.send({ type: 'call.start', callId: 'call-0004' });
    await ann.expect('call.ring', DESK_QUIET);
    ann.send({ type: 'call.decline', callId: 'call-0004' });
    expect(await ann.expect('call.ended', DESK_QUIET)).toMatchObject({ reason: 'declined' });
    expect(await bob.expect('call.ring', DESK_QUIET)).toMatchObject({ callId: 'call-0004', customerName: 'Kim' });
    bob.send({ type: 'call.answer', callId: 'call-0004' });
    // Still "Calling…" for the customer meanwhile: nothing but the answer comes.
    expect(await page.expect('call.answered', [...CUSTOMER_QUIET, 'call.ringing'])).toMatchObject({ agentName: 'Bob' });
  });

  it('tells the customer the call was declined once everyone has declined it', async () => {
    const ann = (await relay.signIn('ann@acme.test')).client;
    const bob = (await relay.signIn('bob@acme.test')).client;
    const { page } = await customer();
    page.send({ type: 'call.start', callId: 'call-0005' });
    await ann.expect('call.ring', DESK_QUIET);
    ann.send({ type: 'call.decline', callId: 'call-0005' });
    await bob.expect('call.ring', DESK_QUIET);
    // Hanging up a call that only rings lets it pass too.
    bob.send({ type: 'call.hangup', callId: 'call-0005' });
    expect(await page.expect('call.ended', [...CUSTOMER_QUIET, 'call.ringing'])).toMatchObject({ reason: 'declined' });
  });

  it('transfers blind to a colleague: the first desk leaves, the customer waits, the colleague answers and takes the conversation', async () => {
    const { ann, page, conversationId } = await answeredByAnn('call-0006');
    const bob = (await relay.signIn('bob@acme.test')).client;
    ann.send({ type: 'call.transfer', callId: 'call-0006', target: { agentId: 'bob' }, mode: 'blind', note: NOTE });
    expect(await ann.expect('call.ended', DESK_QUIET)).toMatchObject({ reason: 'transferred' });
    await page.expect('call.transferring', CUSTOMER_QUIET);
    expect(await bob.expect('call.ring', DESK_QUIET)).toMatchObject({ callId: 'call-0006', conversationId, transfer: { fromName: 'Ann', note: NOTE, mode: 'blind' } });
    // Ann's desk no longer speaks for the call.
    ann.send({ type: 'call.signal', callId: 'call-0006', signal: CANDIDATE });
    bob.send({ type: 'call.answer', callId: 'call-0006' });
    expect(await page.expect('call.answered', CUSTOMER_QUIET)).toMatchObject({ agentName: 'Bob' });
    page.send({ type: 'call.signal', callId: 'call-0006', signal: OFFER });
    expect((await bob.expect('call.signal', DESK_QUIET)).signal).toEqual(OFFER);
    expect(await conversationOf(conversationId)).toMatchObject({ assigneeId: 'bob', teamId: 'team' });
  });

  it('tells the customer a blind transfer was missed when its target declines', async () => {
    const { ann, page } = await answeredByAnn('call-0007');
    const bob = (await relay.signIn('bob@acme.test')).client;
    ann.send({ type: 'call.transfer', callId: 'call-0007', target: { agentId: 'bob' }, mode: 'blind' });
    expect(await bob.expect('call.ring', DESK_QUIET)).toMatchObject({ transfer: { fromName: 'Ann', note: '', mode: 'blind' } });
    bob.send({ type: 'call.decline', callId: 'call-0007' });
    expect(await page.expect('call.ended', [...CUSTOMER_QUIET, 'call.transferring'])).toMatchObject({ reason: 'missed' });
  });

  it('keeps the call on the first desk when the target of a warm transfer declines', async () => {
    const { ann, page } = await answeredByAnn('call-0008');
    const bob = (await relay.signIn('bob@acme.test')).client;
    ann.send({ type: 'call.transfer', callId: 'call-0008', target: { agentId: 'bob' }, mode: 'warm', note: NOTE });
    expect(await bob.expect('call.ring', DESK_QUIET)).toMatchObject({ transfer: { fromName: 'Ann', note: NOTE, mode: 'warm' } });
    bob.send({ type: 'call.decline', callId: 'call-0008' });
    expect(await ann.expect('call.transfer-failed', DESK_QUIET)).toMatchObject({ callId: 'call-0008', reason: expect.stringMatching(/declined/) });
    // Nothing changed for the customer: Ann and Kim still pass signals.
    ann.send({ type: 'call.signal', callId: 'call-0008', signal: CANDIDATE });
    expect((await page.expect('call.signal', CUSTOMER_QUIET)).signal).toEqual(CANDIDATE);
    page.send({ type: 'call.signal', callId: 'call-0008', signal: OFFER });
    expect((await ann.expect('call.signal', DESK_QUIET)).signal).toEqual(OFFER);
  });

  it("transfers warm to a team: its best free agent rings, then the next, and who answers takes the call and the conversation into the team's queue", async () => {
    const { ann, page, conversationId } = await answeredByAnn('call-0009');
    const cat = (await relay.signIn('cat@acme.test')).client;
    const dan = (await relay.signIn('dan@acme.test')).client;
    ann.send({ type: 'call.transfer', callId: 'call-0009', target: { teamId: 'sales' }, mode: 'warm', note: NOTE });
    // Equally idle, so the first by id.
    expect(await cat.expect('call.ring', DESK_QUIET)).toMatchObject({ transfer: { fromName: 'Ann', mode: 'warm' } });
    cat.send({ type: 'call.decline', callId: 'call-0009' });
    expect(await dan.expect('call.ring', DESK_QUIET)).toMatchObject({ transfer: { fromName: 'Ann', note: NOTE, mode: 'warm' } });
    // Ann holds the customer meanwhile.
    ann.send({ type: 'call.hold', callId: 'call-0009', held: true });
    expect(await page.expect('call.held', CUSTOMER_QUIET)).toMatchObject({ held: true });
    dan.send({ type: 'call.answer', callId: 'call-0009' });
    expect(await ann.expect('call.ended', DESK_QUIET)).toMatchObject({ reason: 'transferred' });
    expect(await page.expect('call.answered', CUSTOMER_QUIET)).toMatchObject({ agentName: 'Dan' });
    page.send({ type: 'call.signal', callId: 'call-0009', signal: OFFER });
    expect((await dan.expect('call.signal', DESK_QUIET)).signal).toEqual(OFFER);
    expect(await conversationOf(conversationId)).toMatchObject({ assigneeId: 'dan', teamId: 'sales' });
  });

  it('refuses a transfer to oneself, to no one, or to someone not free, and keeps the call', async () => {
    const { ann, page } = await answeredByAnn('call-0010');
    async function refusal(target: object): Promise<string> {
      ann.send({ type: 'call.transfer', callId: 'call-0010', target, mode: 'blind' });
      return (await ann.expect('call.transfer-failed', DESK_QUIET)).reason;
    }
    expect(await refusal({ agentId: 'ann' })).toMatch(/yourself/);
    expect(await refusal({ agentId: 'zed' })).toMatch(/no such colleague/);
    expect(await refusal({ agentId: 'bob' })).toMatch(/Bob is not connected/);
    expect(await refusal({ teamId: 'nope' })).toMatch(/no such team/);
    expect(await refusal({ teamId: 'sales' })).toMatch(/No one in Sales is free/);
    const bob = (await relay.signIn('bob@acme.test')).client;
    ann.send({ type: 'call.transfer', callId: 'call-0010', target: { agentId: 'bob' }, mode: 'warm' });
    await bob.expect('call.ring', DESK_QUIET);
    expect(await refusal({ agentId: 'bob' })).toMatch(/already being transferred/);
    ann.send({ type: 'call.signal', callId: 'call-0010', signal: CANDIDATE });
    expect((await page.expect('call.signal', CUSTOMER_QUIET)).signal).toEqual(CANDIDATE);
  });
});

/** The ring time, on a fake clock: WebCalls over a seeded core, its desks and the customer's page as recorders. */
describe('web calls that ring out', () => {
  const RING = 1000;
  const WAIT = 10_000;
  let core: RelayCore;
  let calls: WebCalls;
  let heard: Map<string, unknown[]>;

  async function line(agentId: string): Promise<AgentLine> {
    const agent = (await core.store.accounts.findAgent(agentId))?.agent;
    if (!agent) throw new Error(`no agent ${agentId}`);
    return { agent, send: (frame) => heard.get(agentId)?.push(frame) };
  }

  let now = Date.UTC(2026, 11, 1, 10);

  beforeEach(async () => {
    core = await acmeCore(() => now);
    heard = new Map([['kim', []], ['ann', []], ['bob', []]]);
    const desks = new Map([
      ['ann', await line('ann')],
      ['bob', await line('bob')],
    ]);
    for (const id of desks.keys()) core.connected.connect(id);
    // Bob writes German; his desk translates English both ways, so he is next in line for Kim.
    core.connected.translationReported('bob', [{ among: ['de', 'en'] }]);
    vi.useFakeTimers();
    calls = new WebCalls(core, (agentId) => [desks.get(agentId)].filter((desk) => desk !== undefined), RING, WAIT);
    await addTestConversation(core, 'conv-1', 'ann');
    await calls.start({ tenantId: 'acme', conversationId: 'conv-1', send: (frame) => heard.get('kim')?.push(frame) }, 'call-0101');
  });

  afterEach(async () => {
    vi.useRealTimers();
    calls.stop();
    await core.store.close();
  });

  /** Lets `ms` pass on the fake clock, and what its timers started (a ring running out, the waiting check) happen. */
  const pass = async (ms: number) => {
    await vi.advanceTimersByTimeAsync(ms);
    await calls.idle();
  };

  it('rings the next agent after the ring time, and tells the customer it was missed when no one is left', async () => {
    expect(heard.get('ann')).toEqual([expect.objectContaining({ type: 'call.ring' })]);
    await pass(RING);
    expect(heard.get('ann')?.at(-1)).toMatchObject({ type: 'call.ended', reason: 'missed' });
    expect(heard.get('bob')).toEqual([expect.objectContaining({ type: 'call.ring', callId: 'call-0101' })]);
    expect(heard.get('kim')).toEqual([{ type: 'call.ringing', callId: 'call-0101' }]);
    await pass(RING);
    expect(heard.get('kim')?.at(-1)).toEqual({ type: 'call.ended', callId: 'call-0101', reason: 'missed' });
  });

  it("tells both browsers the company's STUN/TURN servers", async () => {
    const iceServers = [{ urls: 'stun:stun.example.com:3478' }, { urls: ['turn:turn.example.com:3478?transport=udp'], username: 'u', credential: 'p' }];
    const bob = await line('bob');
    const withIce = new WebCalls(core, (agentId) => (agentId === 'bob' ? [bob] : []), RING, WAIT, iceServers);
    await addTestConversation(core, 'conv-3', 'bob');
    const heardByLee: unknown[] = [];
    await withIce.start({ tenantId: 'acme', conversationId: 'conv-3', send: (frame) => heardByLee.push(frame) }, 'call-0103');
    expect(heard.get('bob')?.at(-1)).toMatchObject({ type: 'call.ring', callId: 'call-0103', iceServers });
    await withIce.fromDesk(bob, { type: 'call.answer', callId: 'call-0103' });
    expect(heardByLee.at(-1)).toMatchObject({ type: 'call.answered', agentName: 'Bob', iceServers });
    withIce.stop();
  });

  it('gives up on a call that waited too long in line for a free agent', async () => {
    core.connected.disconnect('ann');
    core.connected.disconnect('bob');
    await addTestConversation(core, 'conv-2', null);
    const heardByLee: unknown[] = [];
    await calls.start({ tenantId: 'acme', conversationId: 'conv-2', send: (frame) => heardByLee.push(frame) }, 'call-0102');
    expect(heardByLee).toEqual([{ type: 'call.waiting', callId: 'call-0102' }]);
    const wait = async (ms: number) => {
      now += ms;
      await pass(ms);
    };
    await wait(WAIT - 2_000);
    expect(heardByLee).toHaveLength(1);
    await wait(2_000);
    expect(heardByLee.at(-1)).toEqual({ type: 'call.ended', callId: 'call-0102', reason: 'no-agent' });
  });

  it('fails a warm transfer back to its desk when the target does not answer, and misses a blind one', async () => {
    const ann = await line('ann');
    await calls.fromDesk(ann, { type: 'call.answer', callId: 'call-0101' });
    await calls.fromDesk(ann, { type: 'call.transfer', callId: 'call-0101', target: { agentId: 'bob' }, mode: 'warm' });
    await pass(RING);
    expect(heard.get('ann')?.at(-1)).toEqual({ type: 'call.transfer-failed', callId: 'call-0101', reason: 'No one answered the transfer.' });
    expect(heard.get('kim')?.at(-1)).toMatchObject({ type: 'call.answered', agentName: 'Ann' });

    await calls.fromDesk(ann, { type: 'call.transfer', callId: 'call-0101', target: { agentId: 'bob' }, mode: 'blind' });
    expect(heard.get('kim')?.at(-1)).toEqual({ type: 'call.transferring', callId: 'call-0101' });
    await pass(RING);
    expect(heard.get('kim')?.at(-1)).toEqual({ type: 'call.ended', callId: 'call-0101', reason: 'missed' });
  });
});
