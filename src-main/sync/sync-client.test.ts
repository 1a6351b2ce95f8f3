import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload } from '../../src-shared/api/contract.js';
import type { Presence } from '../../src-shared/domain/model.js';
import { CLOSE_UNAUTHORIZED, PULL_PAGE_MAX, type SyncEvent } from '../../src-shared/protocol/sync.js';
import { Cache } from '../store/cache.js';
import { sampleAgent, sampleConversation, sampleMessage } from '../store/testing/records.js';
import { UNCONFIRMED_REPLY } from './outbox-settlement.js';
import { SyncClient } from './sync-client.js';
import type { SyncTiming } from './sync-client-options.js';
import { eventually } from './testing/eventually.js';
import { ScriptedRelay } from './testing/scripted-relay.js';

const agent = sampleAgent();
const FAST = { backoff: { baseMs: 20, capMs: 80 }, pingIntervalMs: 1_000, handshakeTimeoutMs: 2_000, random: () => 0.5 };

type Emitted = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

function conversationEvent(seq: number, id = 'conv-1', status: 'open' | 'pending' | 'resolved' = 'open'): SyncEvent {
  return { seq, at: seq, data: { type: 'conversation.upserted', conversation: sampleConversation({ id, status, lastMessageAt: seq }) } };
}

function messageEvent(seq: number, id: string, body = `message ${seq}`): SyncEvent {
  return { seq, at: seq, data: { type: 'message.created', message: sampleMessage({ id, body, createdAt: seq }) } };
}

describe('SyncClient against a scripted relay', () => {
  let relay: ScriptedRelay;
  let cache: Cache;
  let client: SyncClient;
  let emitted: Emitted[];
  let logged: string[];
  let expired: string[];
  let presences: Presence[];

  beforeEach(async () => {
    relay = await ScriptedRelay.start();
    cache = Cache.open(':memory:');
    cache.session.saveSignIn({ token: 'tok-1', expiresAt: Date.now() + 60_000, agent });
    emitted = [];
    logged = [];
    expired = [];
    presences = [];
  });

  afterEach(async () => {
    await client.stop();
    await relay.close();
    cache.close();
  });

  function startClient(timing: Partial<SyncTiming> = FAST, relayUrl = relay.url): void {
    client = new SyncClient({
      relayUrl,
      cache,
      emit: (event, payload) => emitted.push({ event, payload } as Emitted),
      log: (message) => logged.push(message),
      onSessionExpired: (reason) => expired.push(reason),
      onOwnPresence: ({ presence }) => presences.push(presence),
      timing,
    });
    client.start();
  }

  const state = () => client.connection().state;
  const online = () => eventually('online', () => state() === 'online');
  const states = () => emitted.flatMap((e) => (e.event === 'connection.changed' ? [e.payload.state] : []));

  async function connect(options: { lastMutationId?: number; headSeq?: number } = {}): Promise<void> {
    startClient();
    await relay.welcome(agent, options);
    await online();
  }

  /** Every frame the client sent before this point has reached the relay once the pull it triggers arrives. */
  async function barrier(): Promise<void> {
    relay.send({ type: 'events', from: 1_000_000, to: 1_000_001, events: [], hasMore: false });
    await relay.nextFrame('pull');
  }

  it('says hello with the token and client id, pulls from its cursor and only then reports online', async () => {
    cache.session.setCursor(7);
    startClient();
    expect(await relay.nextFrame('hello')).toEqual({ type: 'hello', token: 'tok-1', clientId: cache.session.clientId() });
    relay.send({ type: 'welcome', agent, lastMutationId: 0, headSeq: 9 });
    expect(await relay.nextFrame('pull')).toEqual({ type: 'pull', cursor: 7, limit: PULL_PAGE_MAX });
    expect(state()).toBe('connecting');
    relay.send({ type: 'events', from: 7, to: 9, events: [conversationEvent(8), messageEvent(9, 'm9')], hasMore: false });
    await online();
    expect(cache.session.cursor()).toBe(9);
    expect(states()).toEqual(['connecting', 'online']);
  });

  it('keeps pulling page after page until a page says there is no more', async () => {
    startClient();
    await relay.nextFrame('hello');
    relay.send({ type: 'welcome', agent, lastMutationId: 0, headSeq: 4 });
    await relay.nextFrame('pull');
    relay.send({ type: 'events', from: 0, to: 2, events: [conversationEvent(1), messageEvent(2, 'm2')], hasMore: true });
    expect((await relay.nextFrame('pull')).cursor).toBe(2);
    expect(state()).toBe('connecting');
    relay.send({ type: 'events', from: 2, to: 4, events: [messageEvent(4, 'm4')], hasMore: false });
    await online();
    expect(cache.messages.all().map((m) => m.id)).toEqual(['m2', 'm4']);
  });

  it('asks for the next page as a page arrives, before applying it, and ends up with the same cache', async () => {
    startClient();
    await relay.nextFrame('hello');
    relay.send({ type: 'welcome', agent, lastMutationId: 0, headSeq: 6 });
    await relay.nextFrame('pull');
    // Two pages sent before the client could answer either: each one's next page is asked for on arrival.
    relay.send({ type: 'events', from: 0, to: 2, events: [conversationEvent(1), messageEvent(2, 'm2')], hasMore: true });
    expect((await relay.nextFrame('pull')).cursor).toBe(2);
    relay.send({ type: 'events', from: 2, to: 4, events: [messageEvent(3, 'm3'), messageEvent(4, 'm4')], hasMore: true });
    expect((await relay.nextFrame('pull')).cursor).toBe(4);
    relay.send({ type: 'events', from: 4, to: 6, events: [messageEvent(6, 'm6')], hasMore: false });
    await online();
    expect(cache.session.cursor()).toBe(6);
    expect(cache.messages.all().map((m) => m.id)).toEqual(['m2', 'm3', 'm4', 'm6']);
  });

  it('applies contiguous frames, ignores duplicates and announces what changed', async () => {
    await connect();
    emitted = [];
    relay.send({ type: 'events', from: 0, to: 2, events: [conversationEvent(1), messageEvent(2, 'm2')], hasMore: false });
    await eventually('cursor 2', () => cache.session.cursor() === 2);
    expect(emitted).toEqual([
      { event: 'messages.changed', payload: { conversationId: 'conv-1', messageIds: ['m2'] } },
      { event: 'conversations.changed', payload: { conversationIds: ['conv-1'] } },
    ]);
    relay.send({ type: 'events', from: 1, to: 2, events: [messageEvent(2, 'm2', 'rewritten')], hasMore: false });
    relay.send({ type: 'events', from: 2, to: 3, events: [messageEvent(3, 'm3')], hasMore: false });
    await eventually('cursor 3', () => cache.session.cursor() === 3);
    expect(cache.messages.get('m2')?.body).toBe('message 2');
    expect(emitted.filter((e) => e.event === 'messages.changed')).toHaveLength(2);
  });

  it('pulls on a gap instead of applying, then applies the answer', async () => {
    await connect();
    relay.send({ type: 'events', from: 0, to: 1, events: [messageEvent(1, 'm1')], hasMore: false });
    relay.send({ type: 'events', from: 2, to: 3, events: [messageEvent(3, 'm3')], hasMore: false });
    expect((await relay.nextFrame('pull')).cursor).toBe(1);
    expect(cache.messages.get('m3')).toBeUndefined();
    relay.send({ type: 'events', from: 1, to: 3, events: [messageEvent(2, 'm2'), messageEvent(3, 'm3')], hasMore: false });
    await eventually('cursor 3', () => cache.session.cursor() === 3);
    expect(cache.messages.all().map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it('holds live frames that arrive while a page is applied in parts, then takes them in order after it', async () => {
    // Parts of 200 events, whatever the machine's speed (the default is a time slice).
    startClient({ ...FAST, applySlice: { ms: Infinity, events: 200 } });
    await relay.nextFrame('hello');
    relay.send({ type: 'welcome', agent, lastMutationId: 0, headSeq: 2_000 });
    await relay.nextFrame('pull');
    const page = [conversationEvent(1), ...Array.from({ length: 1_999 }, (_, i) => messageEvent(i + 2, `m${i + 2}`))];
    // The relay goes on committing while the page is applied: one live frame continues the
    // page, the next skips seq 2002 (say, a conversation of another team).
    const cursors: number[] = [];
    const setCursor = cache.session.setCursor.bind(cache.session);
    vi.spyOn(cache.session, 'setCursor').mockImplementation((cursor) => {
      if (cursors.length === 0) {
        relay.send({ type: 'events', from: 2_000, to: 2_001, events: [messageEvent(2_001, 'm2001')], hasMore: false });
        relay.send({ type: 'events', from: 2_002, to: 2_003, events: [messageEvent(2_003, 'm2003')], hasMore: false });
      }
      cursors.push(cursor);
      setCursor(cursor);
    });
    const socketSide = client as unknown as { received: (...args: unknown[]) => void };
    const received = socketSide.received.bind(client);
    let chunksWhenLiveArrived = -1;
    vi.spyOn(socketSide, 'received').mockImplementation((...args) => {
      if (chunksWhenLiveArrived < 0 && cursors.length > 0) chunksWhenLiveArrived = cursors.length;
      received(...args);
    });

    relay.send({ type: 'events', from: 0, to: 2_000, events: page, hasMore: false });
    // The gap is noticed only once the page and the frame before it are in: the pull starts there.
    expect((await relay.nextFrame('pull')).cursor).toBe(2_001);
    expect(chunksWhenLiveArrived).toBeGreaterThan(0);
    expect(chunksWhenLiveArrived).toBeLessThan(10);
    relay.send({ type: 'events', from: 2_001, to: 2_003, events: [messageEvent(2_003, 'm2003')], hasMore: false });
    await eventually('cursor 2003', () => cache.session.cursor() === 2_003);

    expect(cursors).toEqual([200, 400, 600, 800, 1_000, 1_200, 1_400, 1_600, 1_800, 2_000, 2_001, 2_003]);
    const pageIds = Array.from({ length: 1_999 }, (_, i) => `m${i + 2}`);
    expect(cache.messages.all().map((m) => m.id)).toEqual([...pageIds, 'm2001', 'm2003']);
    expect(state()).toBe('online');
    expect(relay.queued('pull')).toBe(0);
  });

  it('pushes the outbox in order after catching up, one push at a time, and deletes what is acked', async () => {
    cache.conversations.upsert(sampleConversation());
    const first = cache.outbox.enqueue({ kind: 'reply.send', conversationId: 'conv-1', messageId: 'r1', body: 'one' }, 1);
    const second = cache.outbox.enqueue({ kind: 'conversation.setStatus', conversationId: 'conv-1', status: 'pending' }, 2);
    startClient();
    await relay.nextFrame('hello');
    relay.send({ type: 'welcome', agent, lastMutationId: 0, headSeq: 0 });
    await relay.nextFrame('pull');
    expect(relay.queued('push')).toBe(0);
    relay.send({ type: 'events', from: 0, to: 0, events: [], hasMore: false });
    expect((await relay.nextFrame('push')).mutations).toEqual([first, second]);

    const third = cache.outbox.enqueue({ kind: 'presence.set', presence: 'away' }, 3);
    client.outboxChanged();
    expect(client.connection().pendingCount).toBe(3);
    await barrier();
    expect(relay.queued('push')).toBe(0);

    relay.send({ type: 'ack', lastMutationId: second.mutationId, rejections: [] });
    expect((await relay.nextFrame('push')).mutations).toEqual([third]);
    expect(cache.outbox.next(10)).toEqual([third]);
    relay.send({ type: 'ack', lastMutationId: third.mutationId, rejections: [] });
    await eventually('an empty outbox', () => client.connection().pendingCount === 0);
    expect(emitted.at(-1)).toEqual({ event: 'connection.changed', payload: expect.objectContaining({ state: 'online', pendingCount: 0 }) });
  });

  it('marks a rejected reply failed with the relay reason and drops a rejected status change', async () => {
    cache.conversations.upsert(sampleConversation({ status: 'open' }));
    cache.messages.insertPending(sampleMessage({ id: 'r1', author: 'agent' }));
    const reply = cache.outbox.enqueue({ kind: 'reply.send', conversationId: 'conv-1', messageId: 'r1', body: 'hello' }, 1);
    const status = cache.outbox.enqueue({ kind: 'conversation.setStatus', conversationId: 'conv-1', status: 'resolved' }, 2);
    expect(cache.conversations.get('conv-1')?.status).toBe('resolved');
    await connect();
    await relay.nextFrame('push');
    relay.send({
      type: 'ack',
      lastMutationId: status.mutationId,
      rejections: [
        { mutationId: reply.mutationId, code: 'forbidden', message: 'The conversation was reassigned.' },
        { mutationId: status.mutationId, code: 'conflict', message: 'Already resolved elsewhere.' },
      ],
    });
    await eventually('the outbox to empty', () => cache.outbox.count() === 0);
    expect(cache.messages.get('r1')).toMatchObject({ delivery: 'failed', deliveryError: 'The conversation was reassigned.' });
    expect(cache.conversations.get('conv-1')?.status).toBe('open');
    expect(emitted).toContainEqual({ event: 'messages.changed', payload: { conversationId: 'conv-1', messageIds: ['r1'] } });
    expect(emitted).toContainEqual({ event: 'conversations.changed', payload: { conversationIds: ['conv-1'] } });
  });

  it('turns a pending reply into sent when its message.created arrives', async () => {
    cache.messages.insertPending(sampleMessage({ id: 'r1', author: 'agent', body: 'hello' }));
    await connect();
    relay.send({ type: 'events', from: 0, to: 1, events: [messageEvent(1, 'r1', 'hello')], hasMore: false });
    await eventually('sent', () => cache.messages.get('r1')?.delivery === 'sent');
  });

  it('on welcome drops what the relay applied before the connection broke, and fails applied replies the log never confirms', async () => {
    cache.messages.insertPending(sampleMessage({ id: 'confirmed', author: 'agent' }));
    cache.messages.insertPending(sampleMessage({ id: 'refused', author: 'agent' }));
    cache.outbox.enqueue({ kind: 'reply.send', conversationId: 'conv-1', messageId: 'confirmed', body: 'a' }, 1);
    cache.outbox.enqueue({ kind: 'reply.send', conversationId: 'conv-1', messageId: 'refused', body: 'b' }, 2);
    const waiting = cache.outbox.enqueue({ kind: 'presence.set', presence: 'away' }, 3);
    startClient();
    await relay.nextFrame('hello');
    relay.send({ type: 'welcome', agent, lastMutationId: 2, headSeq: 1 });
    await relay.nextFrame('pull');
    expect(cache.outbox.next(10)).toEqual([waiting]);
    relay.send({ type: 'events', from: 0, to: 1, events: [messageEvent(1, 'confirmed', 'a')], hasMore: false });
    expect((await relay.nextFrame('push')).mutations).toEqual([waiting]);
    expect(cache.messages.get('confirmed')?.delivery).toBe('sent');
    expect(cache.messages.get('refused')).toMatchObject({ delivery: 'failed', deliveryError: UNCONFIRMED_REPLY });
  });

  it('reconnects after the relay drops the connection and resumes from its cursor', async () => {
    await connect();
    relay.send({ type: 'events', from: 0, to: 1, events: [messageEvent(1, 'm1')], hasMore: false });
    await eventually('cursor 1', () => cache.session.cursor() === 1);
    relay.dropConnection();
    const offline = await eventually('offline', () => (state() === 'offline' ? client.connection() : undefined));
    expect(offline.lastError).toMatch(/^Lost the connection to the relay at http:\/\/127\.0\.0\.1:\d+/);
    expect(offline.retryAt).toEqual(expect.any(Number));
    await relay.nextFrame('hello');
    relay.send({ type: 'welcome', agent, lastMutationId: 0, headSeq: 1 });
    expect((await relay.nextFrame('pull')).cursor).toBe(1);
    relay.send({ type: 'events', from: 1, to: 1, events: [], hasMore: false });
    await online();
    expect(relay.connectionCount).toBe(2);
    expect(client.connection()).toEqual({ state: 'online', pendingCount: 0, lastError: null, retryAt: null, resync: null });
  });

  it('keeps retrying a relay that cannot be reached, saying so', async () => {
    const gone = await ScriptedRelay.start();
    const url = gone.url;
    await gone.close();
    startClient(FAST, url);
    const offline = await eventually('offline', () => (state() === 'offline' ? client.connection() : undefined));
    expect(offline.lastError).toContain(`Cannot reach the relay at ${url}`);
    await eventually('a second attempt', () => states().filter((s) => s === 'connecting').length >= 2);
  });

  it('logs and ignores frames that do not fit the protocol, and carries on', async () => {
    await connect();
    relay.send('not json');
    relay.send(JSON.stringify({ type: 'events', from: 0 }));
    relay.send(JSON.stringify({ type: 'teleport' }));
    relay.send({ type: 'events', from: 0, to: 1, events: [messageEvent(1, 'm1')], hasMore: false });
    await eventually('cursor 1', () => cache.session.cursor() === 1);
    expect(logged.filter((line) => line.startsWith('Ignored a frame from the relay'))).toHaveLength(3);
    expect(state()).toBe('online');
    expect(relay.connectionCount).toBe(1);
  });

  it('stops for good when the relay refuses the token, keeping cache and outbox', async () => {
    cache.outbox.enqueue({ kind: 'presence.set', presence: 'away' }, 1);
    await connect();
    await relay.nextFrame('push');
    relay.send({ type: 'error', code: 'expired', message: 'Your session expired; please sign in again.' });
    relay.closeConnection(CLOSE_UNAUTHORIZED, 'expired');
    await eventually('the session to expire', () => expired.length === 1);
    expect(expired).toEqual(['Your session expired; please sign in again.']);
    expect(client.connection()).toEqual({ state: 'signed-out', pendingCount: 1, lastError: 'Your session expired; please sign in again.', retryAt: null, resync: null });
    expect(cache.outbox.count()).toBe(1);
  });

  it('treats close code 4001 alone as an expired session', async () => {
    await connect();
    relay.closeConnection(CLOSE_UNAUTHORIZED, 'unauthorized');
    await eventually('the session to expire', () => expired.length === 1);
    expect(state()).toBe('signed-out');
  });

  it('finds a dead connection by unanswered pings and reconnects', async () => {
    await relay.close();
    relay = await ScriptedRelay.start({ answerPings: false });
    startClient({ ...FAST, pingIntervalMs: 20 });
    await relay.welcome(agent);
    await online();
    const offline = await eventually('offline', () => (state() === 'offline' ? client.connection() : undefined));
    expect(offline.lastError).toContain('stopped answering');
    await eventually('a reconnection', () => relay.connectionCount === 2);
  });

  it('passes on presence reports about its own agent only', async () => {
    await connect();
    relay.send({ type: 'presence', agentId: 'someone-else', presence: 'offline' });
    relay.send({ type: 'presence', agentId: agent.id, presence: 'away' });
    await eventually('presence', () => presences.length === 1);
    expect(presences).toEqual(['away']);
  });

  it("finds its own agent's presence in the sign-in's list of everyone's", async () => {
    await connect();
    relay.send({ type: 'presences', agents: [{ agentId: 'someone-else', presence: 'available' }, { agentId: agent.id, presence: 'away', reason: 'break' }] });
    await eventually('presence', () => presences.length === 1);
    expect(presences).toEqual(['away']);
  });

  it('resyncs from a snapshot when the relay no longer has the events since its cursor, with progress', async () => {
    cache.transaction(() => {
      cache.conversations.upsert(sampleConversation({ id: 'stale' }));
      cache.messages.upsertSent(sampleMessage({ id: 'stale-m', conversationId: 'stale' }));
      cache.conversations.upsert(sampleConversation({ id: 'mine-pending' }));
      cache.messages.insertPending(sampleMessage({ id: 'unsent', conversationId: 'mine-pending', author: 'agent' }));
      cache.session.setCursor(50);
    });
    startClient();
    await relay.nextFrame('hello');
    relay.send({ type: 'welcome', agent, lastMutationId: 0, headSeq: 3 });
    expect((await relay.nextFrame('pull')).cursor).toBe(50);
    relay.send({ type: 'reset', headSeq: 3, floorSeq: 0 });

    expect((await relay.nextFrame('snapshot')).after).toBeNull();
    const page = (ids: string[], nextAfter: string | null) => ({
      type: 'snapshot' as const,
      asOfSeq: 3,
      conversations: ids.map((id) => sampleConversation({ id })),
      messages: ids.map((id) => sampleMessage({ id: `${id}-m`, conversationId: id })),
      nextAfter,
      total: 3,
      articles: [],
    });
    relay.send(page(['a', 'b'], 'b'));
    expect((await relay.nextFrame('snapshot')).after).toBe('b');
    expect(client.connection()).toMatchObject({ state: 'connecting', resync: { done: 2, total: 3 } });
    expect(cache.session.cursor()).toBe(50);

    relay.send({ ...page(['c'], null), asOfSeq: 5 });
    // The first page's head: what changed while later pages were read is replayed by this pull.
    expect((await relay.nextFrame('pull')).cursor).toBe(3);
    const ids = cache.conversations.all().map((c) => c.id).sort();
    expect(ids).toEqual(['a', 'b', 'c', 'mine-pending']);
    expect(cache.messages.get('stale-m')).toBeUndefined();
    expect(cache.messages.get('unsent')?.delivery).toBe('pending');
    relay.send({ type: 'events', from: 3, to: 3, events: [], hasMore: false });
    await online();
    expect(client.connection().resync).toBeNull();
  });

  it('stops cleanly: socket closed, signed-out, nothing retried', async () => {
    await connect();
    await client.stop();
    expect(client.connection()).toEqual({ state: 'signed-out', pendingCount: 0, lastError: null, retryAt: null, resync: null });
    await eventually('the relay to see the close', () => relay.connectionCount === 1 && states().at(-1) === 'signed-out');
  });
});
