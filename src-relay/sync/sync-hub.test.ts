import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import type { Conversation, Message } from '../../src-shared/domain/model.js';
import { RelayFrame, type EventsFrame } from '../../src-shared/protocol/sync.js';
import { login } from '../auth/login.js';
import { seedTenant } from '../demo/seed.js';
import type { RelayCore } from '../relay-core.js';
import { ACME, TEST_PASSWORD, TEST_PASSWORD_COST, testCore } from '../testing/test-relay.js';
import { BEHIND_BYTES, BEHIND_EVENTS_MAX } from './live-feed.js';
import { SyncHub } from './sync-hub.js';

const OPEN = 1;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The hub's end of a connection, without a network: it records what the relay sends. */
class RecordingSocket extends EventEmitter {
  readyState = OPEN;
  bufferedAmount = 0;
  readonly sent: RelayFrame[] = [];

  /** `handled` resolves once the relay has handled every frame received so far. */
  constructor(private readonly handled: () => Promise<void>) {
    super();
  }

  /** The raw frames, to tell whether two sessions were sent the very same bytes. */
  readonly raw: (string | Buffer)[] = [];

  send(data: string | Buffer): void {
    this.raw.push(data);
    this.sent.push(RelayFrame.parse(JSON.parse(data.toString())));
  }

  close(): void {
    this.readyState = 3;
  }

  /** Resolves once the relay has handled the frame, and the fan-out of what it committed has gone out. */
  async receive(frame: unknown): Promise<void> {
    this.emit('message', Buffer.from(JSON.stringify(frame)), false);
    await this.handled();
    await nextTurn();
  }

  eventFrames(): EventsFrame[] {
    return this.sent.filter((frame): frame is EventsFrame => frame.type === 'events');
  }
}

describe('SyncHub fan-out', () => {
  let core: RelayCore;
  let hub: SyncHub;
  let clock: number;

  beforeEach(async () => {
    clock = Date.now();
    core = testCore(':memory:', () => clock);
    await seedTenant(core, ACME, TEST_PASSWORD_COST);
    hub = new SyncHub(core);
  });

  afterEach(async () => {
    hub.stop();
    await core.store.close();
  });

  /** A session that said hello and has not pulled yet: not live. */
  async function signedInSession(email: string): Promise<RecordingSocket> {
    const signedIn = await login(core, { email, password: TEST_PASSWORD });
    if (!signedIn.ok) throw new Error(signedIn.message);
    const socket = new RecordingSocket(() => hub.idle());
    hub.accept(socket as unknown as WebSocket);
    await socket.receive({ type: 'hello', token: signedIn.value.token, clientId: `${email}-test` });
    return socket;
  }

  /** A signed-in session that has pulled to the head, so it is live. */
  async function liveSession(email: string): Promise<{ socket: RecordingSocket; cursor: number }> {
    const socket = await signedInSession(email);
    const cursor = await core.store.events.headSeq('acme');
    await socket.receive({ type: 'pull', cursor });
    expect(socket.eventFrames()).toEqual([{ type: 'events', from: cursor, to: cursor, events: [], hasMore: false }]);
    socket.sent.length = 0;
    return { socket, cursor };
  }

  function conversation(id: string, teamId: string, assigneeId: string): Conversation {
    return {
      id, customerId: 'kim', customerName: 'Kim', channel: 'email', teamId, assigneeId, status: 'open',
      language: 'en', market: 'GB', createdAt: clock, updatedAt: clock, lastMessageAt: clock, lastMessagePreview: '',
    };
  }

  function message(id: string, conversationId: string): Message {
    return { id, conversationId, author: 'customer', authorId: 'kim', authorName: 'Kim', body: `body of ${id}`, createdAt: clock, internal: false };
  }

  it('sends the events committed in one turn as one frame per session, and nothing to a session that may see none', async () => {
    const ann = await liveSession('ann@acme.test');
    const bob = await liveSession('bob@acme.test');
    const cid = await liveSession('cid@acme.test');
    const sue = await liveSession('sue@acme.test');
    await core.store.conversations.insertCustomer('acme', { id: 'kim', name: 'Kim', language: 'en', market: 'GB', createdAt: clock });

    // Three commits asked in the same turn, so committed together: two of Ann's conversation (team A), one of Cid's (team B).
    const forAnn = conversation('c-ann', 'team-a', 'ann');
    await Promise.all([
      core.commit('acme', (changes) => changes.addConversation(forAnn)),
      core.commit('acme', (changes) => changes.addConversation(conversation('c-cid', 'team-b', 'cid'))),
      core.commit('acme', (changes) => changes.addMessage(message('m-ann', 'c-ann'), forAnn, null)),
    ]);
    expect(ann.socket.eventFrames()).toEqual([]);
    await nextTurn();

    const head = await core.store.events.headSeq('acme');
    const [annFrame, ...annRest] = ann.socket.eventFrames();
    expect(annRest).toEqual([]);
    expect(annFrame).toMatchObject({ from: ann.cursor, to: head, hasMore: false });
    expect(annFrame?.events.map((e) => e.seq)).toEqual([ann.cursor + 1, head]);
    expect(annFrame?.events.map((e) => e.data.type)).toEqual(['conversation.upserted', 'message.created']);

    // Sue supervises team A: the same events as Ann, in one frame.
    expect(sue.socket.eventFrames()).toEqual([{ ...annFrame, from: sue.cursor }]);

    // Cid sees only his conversation; `to` stops at it, the later event was not for him.
    expect(cid.socket.eventFrames()).toMatchObject([{ from: cid.cursor, to: cid.cursor + 2 }]);
    expect(cid.socket.eventFrames()[0]?.events.map((e) => e.seq)).toEqual([cid.cursor + 2]);

    expect(bob.socket.eventFrames()).toEqual([]);
  });

  it('chains the next frame from the last one sent', async () => {
    const cid = await liveSession('cid@acme.test');
    await core.store.conversations.insertCustomer('acme', { id: 'kim', name: 'Kim', language: 'en', market: 'GB', createdAt: clock });
    const forCid = conversation('c-cid', 'team-b', 'cid');
    await core.commit('acme', (changes) => changes.addConversation(forCid));
    await nextTurn();
    await Promise.all([
      core.commit('acme', (changes) => changes.addConversation(conversation('c-ann', 'team-a', 'ann'))),
      core.commit('acme', (changes) => changes.addMessage(message('m-cid', 'c-cid'), forCid, null)),
    ]);
    await nextTurn();

    const frames = cid.socket.eventFrames();
    expect(frames.map((f) => [f.from, f.to])).toEqual([
      [cid.cursor, cid.cursor + 1],
      [cid.cursor + 1, cid.cursor + 3],
    ]);
    expect(frames[1]?.events.map((e) => e.seq)).toEqual([cid.cursor + 3]);
  });

  it('answers a socket\'s frames in the order they came: a pull sent after a push sees what the push wrote', async () => {
    const ann = await liveSession('ann@acme.test');
    await core.store.conversations.insertCustomer('acme', { id: 'kim', name: 'Kim', language: 'en', market: 'GB', createdAt: clock });
    await core.commit('acme', (changes) => changes.addConversation(conversation('c-ann', 'team-a', 'ann')));
    await nextTurn();
    ann.socket.sent.length = 0;
    const cursor = ann.cursor + 1;
    // Both frames arrive in one turn; the push must not be overtaken by the pull after it.
    ann.socket.emit('message', Buffer.from(JSON.stringify({ type: 'push', mutations: [{ mutationId: 1, createdAt: clock, body: { kind: 'conversation.setLabels', conversationId: 'c-ann', labels: ['vip'] } }] })), false);
    await ann.socket.receive({ type: 'pull', cursor });
    const head = await core.store.events.headSeq('acme');
    expect(head).toBe(cursor + 1);
    expect(ann.socket.sent.filter((frame) => frame.type !== 'presence').map((frame) => frame.type)).toEqual(['events', 'ack', 'events']);
    expect(ann.socket.eventFrames().at(-1)).toMatchObject({ from: cursor, to: head, hasMore: false });
  });

  it('keeps the events committed while a pull reads the log, and sends them after its answer', async () => {
    const cid = await signedInSession('cid@acme.test');
    await core.store.conversations.insertCustomer('acme', { id: 'kim', name: 'Kim', language: 'en', market: 'GB', createdAt: clock });
    const forCid = conversation('c-cid', 'team-b', 'cid');
    const head = await core.store.events.headSeq('acme');
    // A commit lands (and is fanned out) after the pull read the head, before it read the events: as on another node.
    const range = core.store.events.range;
    core.store.events.range = async (...args) => {
      core.store.events.range = range;
      await core.commit('acme', (changes) => changes.addConversation(forCid));
      hub.flushEvents();
      return range(...args);
    };
    await cid.receive({ type: 'pull', cursor: head });
    await core.commit('acme', (changes) => changes.addMessage(message('m-cid', 'c-cid'), forCid, null));
    await nextTurn();
    expect(cid.eventFrames().map((frame) => [frame.from, frame.to, frame.events.map((e) => e.seq)])).toEqual([
      [head, head, []],
      [head, head + 1, [head + 1]],
      [head + 1, head + 2, [head + 2]],
    ]);
  });

  it('sends the same bytes to sessions that see the same events from the same place, masked alike', async () => {
    const sue = await liveSession('sue@acme.test');
    const root = await liveSession('root@acme.test');
    const ann = await liveSession('ann@acme.test');
    await core.store.conversations.insertCustomer('acme', { id: 'kim', name: 'Kim', language: 'en', market: 'GB', createdAt: clock });
    await core.commit('acme', (changes) => changes.addConversation(conversation('c-ann', 'team-a', 'ann')));
    await nextTurn();
    const eventsFrame = (socket: RecordingSocket) => socket.raw.filter((raw) => raw.toString().startsWith('{"type":"events"')).at(-1);
    expect([sue.cursor, root.cursor]).toEqual([ann.cursor, ann.cursor]);
    // A supervisor and an administrator are masked alike by default: one frame, encoded once.
    expect(eventsFrame(sue.socket)).toBeInstanceOf(Buffer);
    expect(eventsFrame(root.socket)).toBe(eventsFrame(sue.socket));
    // An agent is masked by another policy: a frame of her own, the same text here (nothing to mask).
    expect(eventsFrame(ann.socket)).not.toBe(eventsFrame(sue.socket));
    expect(eventsFrame(ann.socket)?.toString()).toBe(eventsFrame(sue.socket)?.toString());
  });

  it('holds live events for a socket that is behind, and sends them in one frame once it has caught up', async () => {
    const ann = await liveSession('ann@acme.test');
    await core.store.conversations.insertCustomer('acme', { id: 'kim', name: 'Kim', language: 'en', market: 'GB', createdAt: clock });
    const forAnn = conversation('c-ann', 'team-a', 'ann');
    ann.socket.bufferedAmount = BEHIND_BYTES + 1;
    await core.commit('acme', (changes) => changes.addConversation(forAnn));
    await nextTurn();
    await core.commit('acme', (changes) => changes.addMessage(message('m-1', 'c-ann'), forAnn, null));
    await nextTurn();
    expect(ann.socket.eventFrames()).toEqual([]);

    // It drains: the next look (a timer, with no new event to send) sends both, chained from the last frame.
    ann.socket.bufferedAmount = 0;
    await vi.waitFor(() => expect(ann.socket.eventFrames()).toHaveLength(1), { timeout: 1000, interval: 5 });
    const [frame] = ann.socket.eventFrames();
    expect(frame).toMatchObject({ from: ann.cursor, to: ann.cursor + 2, hasMore: false });
    expect(frame?.events.map((e) => [e.seq, e.data.type])).toEqual([
      [ann.cursor + 1, 'conversation.upserted'],
      [ann.cursor + 2, 'message.created'],
    ]);

    // Back up to speed: the next commit goes out at once, chained.
    await core.commit('acme', (changes) => changes.addMessage(message('m-2', 'c-ann'), forAnn, null));
    await nextTurn();
    expect(ann.socket.eventFrames().at(-1)).toMatchObject({ from: ann.cursor + 2, to: ann.cursor + 3 });
  });

  it('sends the events held for a slow socket before any other frame, so an ack never overtakes its events', async () => {
    const ann = await liveSession('ann@acme.test');
    await core.store.conversations.insertCustomer('acme', { id: 'kim', name: 'Kim', language: 'en', market: 'GB', createdAt: clock });
    await core.commit('acme', (changes) => changes.addConversation(conversation('c-ann', 'team-a', 'ann')));
    await nextTurn();
    ann.socket.sent.length = 0;
    ann.socket.bufferedAmount = BEHIND_BYTES + 1;
    await ann.socket.receive({ type: 'push', mutations: [{ mutationId: 1, createdAt: clock, body: { kind: 'conversation.setLabels', conversationId: 'c-ann', labels: ['vip'] } }] });
    const frames = ann.socket.sent.filter((frame) => frame.type !== 'presence');
    expect(frames.map((frame) => frame.type)).toEqual(['events', 'ack']);
    expect(frames[0]).toMatchObject({ from: ann.cursor + 1, to: ann.cursor + 2 });
  });

  it('cuts off a socket that falls too far behind: it reconnects and pulls', async () => {
    const sue = await liveSession('sue@acme.test');
    await core.store.conversations.insertCustomer('acme', { id: 'kim', name: 'Kim', language: 'en', market: 'GB', createdAt: clock });
    const forAnn = conversation('c-ann', 'team-a', 'ann');
    await core.commit('acme', (changes) => changes.addConversation(forAnn));
    await nextTurn();
    sue.socket.bufferedAmount = BEHIND_BYTES + 1;
    await core.commit('acme', async (changes) => {
      for (let i = 0; i <= BEHIND_EVENTS_MAX; i++) await changes.addMessage(message(`m-${i}`, 'c-ann'), forAnn, null);
    });
    await nextTurn();
    expect(sue.socket.readyState).toBe(3);
    expect(sue.socket.eventFrames()).toHaveLength(1);
  });
});
