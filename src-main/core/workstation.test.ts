import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../src-shared/api/contract.js';
import type { Conversation } from '../../src-shared/domain/model.js';
import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import { sampleAgent, sampleConversation, sampleMessage } from '../store/testing/records.js';
import { eventually } from '../sync/testing/eventually.js';
import { ScriptedRelay } from '../sync/testing/scripted-relay.js';
import { Workstation } from './workstation.js';

const mei = sampleAgent();
const somchai = sampleAgent({ id: 'agent-somchai', email: 'somchai@demo.test', name: 'Somchai Prasert', language: 'th' });
/** A resolution waits its undo window before it is pushed (resolve-undo.test.ts); a short one here. */
const FAST = { backoff: { baseMs: 10, capMs: 40 }, pingIntervalMs: 1_000, handshakeTimeoutMs: 2_000, random: () => 0.5, resolveUndoMs: 200 };

type Emitted = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

/** What the agent saw when replying: the conversations in these tests are Mei's and open. */
const BASIS = { assigneeId: mei.id, status: 'open' };

describe('Workstation', () => {
  let dir: string;
  let relay: ScriptedRelay;
  const open: Workstation[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'workstation-'));
    relay = await ScriptedRelay.start();
    relay.addAccount('mei@demo.test', 'demo1234', mei);
    relay.addAccount('somchai@demo.test', 'demo1234', somchai);
  });

  afterEach(async () => {
    for (const workstation of open.splice(0)) await workstation.close();
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function openWorkstation(relayUrl = relay.url): { workstation: Workstation; emitted: Emitted[] } {
    const workstation = Workstation.open({ dbPath: path.join(dir, 'cache.sqlite'), relayUrl, syncTiming: FAST, log: () => undefined });
    open.push(workstation);
    const emitted: Emitted[] = [];
    for (const event of ['conversations.changed', 'messages.changed', 'connection.changed', 'session.changed', 'presence.changed'] as const) {
      workstation.on(event, (payload) => emitted.push({ event, payload } as Emitted));
    }
    return { workstation, emitted };
  }

  async function closeWorkstation(workstation: Workstation): Promise<void> {
    await workstation.close();
    open.splice(open.indexOf(workstation), 1);
  }

  const state = async (w: Workstation) => (await w.handlers['session.get']({})).connection.state;

  /** Signs in and syncs `conversations` (each with one customer message) from the scripted log. */
  async function signInWith(workstation: Workstation, conversations: Conversation[] = [sampleConversation()], agent = mei): Promise<void> {
    await workstation.handlers['session.login']({ email: agent.email, password: 'demo1234' });
    await relay.nextFrame('hello');
    const events: SyncEvent[] = conversations.flatMap((conversation, i) => [
      { seq: 2 * i + 1, at: 1, data: { type: 'conversation.upserted', conversation } },
      { seq: 2 * i + 2, at: 1, data: { type: 'message.created', message: sampleMessage({ id: `m-${conversation.id}`, conversationId: conversation.id, body: `hello from ${conversation.customerName}` }) } },
    ]);
    relay.send({ type: 'welcome', agent, lastMutationId: 0, headSeq: events.length });
    const pull = await relay.nextFrame('pull');
    relay.send({ type: 'events', from: pull.cursor, to: Math.max(pull.cursor, events.length), events: events.filter((e) => e.seq > pull.cursor), hasMore: false });
    await eventually('online', async () => (await state(workstation)) === 'online');
  }

  describe('session', () => {
    it('signs in at the relay, says so, and goes online after the catch-up', async () => {
      const { workstation, emitted } = openWorkstation();
      expect(await workstation.handlers['session.get']({})).toEqual({
        agent: null,
        presence: 'offline',
        connection: { state: 'signed-out', pendingCount: 0, lastError: null, retryAt: null, resync: null },
      });
      expect(await workstation.handlers['session.login']({ email: 'mei@demo.test', password: 'demo1234' })).toEqual({ agent: mei, twoFactor: null });
      expect(emitted).toContainEqual({ event: 'session.changed', payload: { agent: mei } });
      expect((await relay.nextFrame('hello')).token).toBe('token-1');
      relay.send({ type: 'welcome', agent: mei, lastMutationId: 0, headSeq: 0 });
      await relay.nextFrame('pull');
      relay.send({ type: 'events', from: 0, to: 0, events: [], hasMore: false });
      await eventually('online', async () => (await state(workstation)) === 'online');
      expect(await workstation.handlers['session.get']({})).toMatchObject({ agent: mei, presence: 'available' });
    });

    it('answers a wrong password with unauthorized and the relay message', async () => {
      const { workstation } = openWorkstation();
      await expect(workstation.handlers['session.login']({ email: 'mei@demo.test', password: 'nope' })).rejects.toMatchObject({
        code: 'unauthorized',
        message: 'Wrong email or password.',
      });
      expect((await workstation.handlers['session.get']({})).agent).toBeNull();
    });

    it('answers an unreachable relay with unavailable, naming it', async () => {
      const gone = await ScriptedRelay.start();
      const url = gone.url;
      await gone.close();
      const { workstation } = openWorkstation(url);
      await expect(workstation.handlers['session.login']({ email: 'mei@demo.test', password: 'demo1234' })).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringContaining(`Cannot reach the relay at ${url}`),
      });
    });

    it('refuses every other method while nobody is signed in', async () => {
      const { workstation } = openWorkstation();
      const calls = [
        workstation.handlers['conversations.list']({ status: 'all', cursor: null, limit: 10 }),
        workstation.handlers['conversations.get']({ conversationId: 'c', before: null, limit: 10 }),
        workstation.handlers['conversations.reply']({ conversationId: 'c', body: 'hi' }),
        workstation.handlers['conversations.setStatus']({ conversationId: 'c', status: 'resolved' }),
        workstation.handlers['presence.set']({ presence: 'away' }),
        workstation.handlers['messages.search']({ query: 'hi', limit: 5 }),
      ];
      for (const call of calls) await expect(call).rejects.toMatchObject({ code: 'not_signed_in' });
    });

    it('refuses to sign out while replies wait, then signs out, revokes the token and keeps the cache', async () => {
      const { workstation, emitted } = openWorkstation();
      await signInWith(workstation);
      await workstation.handlers['conversations.reply']({ conversationId: 'conv-1', body: 'one moment' });
      await expect(workstation.handlers['session.logout']({})).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/^1 reply or change is waiting to be sent/),
      });
      const push = await relay.nextFrame('push');
      relay.send({ type: 'ack', lastMutationId: push.mutations.at(-1)!.mutationId, rejections: [] });
      await eventually('the ack', () => workstation.snapshot().outboxCount === 0);

      await workstation.handlers['session.logout']({});
      expect(relay.revokedTokens).toEqual(['token-1']);
      expect(emitted.at(-1)).toEqual({ event: 'session.changed', payload: { agent: null } });
      expect(emitted).toContainEqual({ event: 'connection.changed', payload: expect.objectContaining({ state: 'signed-out' }) });
      expect((await workstation.handlers['session.get']({})).agent).toBeNull();
      expect(workstation.snapshot().messages).toHaveLength(2);
    });

    it('hands an empty-outbox cache to another agent only after wiping it', async () => {
      const { workstation } = openWorkstation();
      await signInWith(workstation);
      await workstation.handlers['session.logout']({});
      const cursorBefore = workstation.snapshot().cursor;
      expect(cursorBefore).toBe(2);
      await signInWith(workstation, [sampleConversation({ id: 'conv-th', customerName: 'Nok' })], somchai);
      expect(workstation.snapshot().conversations.map((c) => c.id)).toEqual(['conv-th']);
      expect(workstation.snapshot().messages.map((m) => m.id)).toEqual(['m-conv-th']);
    });

    it('refuses another agent while the cached agent has changes waiting, and keeps them', async () => {
      const { workstation } = openWorkstation();
      await signInWith(workstation);
      await workstation.handlers['conversations.reply']({ conversationId: 'conv-1', body: 'wait for me' });
      await relay.nextFrame('push');
      await expect(workstation.handlers['session.login']({ email: 'somchai@demo.test', password: 'demo1234' })).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringContaining('1 reply or change is waiting to be sent by Mei Chen (mei@demo.test)'),
      });
      expect(relay.revokedTokens).toEqual(['token-2']);
      expect((await workstation.handlers['session.get']({})).agent).toEqual(mei);
      expect(workstation.snapshot().outboxCount).toBe(1);
      expect(workstation.snapshot().messages.map((m) => m.body)).toContain('wait for me');
    });

    it('resumes a stored session at once when opened, and reads the cache before the relay answers', async () => {
      const first = openWorkstation().workstation;
      await signInWith(first);
      await closeWorkstation(first);
      const { workstation } = openWorkstation();
      expect((await relay.nextFrame('hello')).token).toBe('token-1');
      expect(await state(workstation)).toBe('connecting');
      const { messages } = await workstation.handlers['conversations.get']({ conversationId: 'conv-1', before: null, limit: 50 });
      expect(messages.map((m) => m.body)).toEqual(['hello from Nok']);
    });

    it('when the relay ends the session: signs out, keeps the outbox, and delivers it after the same agent signs in again', async () => {
      const { workstation, emitted } = openWorkstation();
      await signInWith(workstation);
      const { message } = await workstation.handlers['conversations.reply']({ conversationId: 'conv-1', body: 'kept' });
      await relay.nextFrame('push');
      relay.send({ type: 'error', code: 'expired', message: 'Session expired.' });
      relay.closeConnection(4001, 'expired');
      await eventually('signed out', () => emitted.some((e) => e.event === 'session.changed' && e.payload.agent === null));
      expect(await workstation.handlers['session.get']({})).toEqual({
        agent: null,
        presence: 'offline',
        connection: { state: 'signed-out', pendingCount: 1, lastError: 'Session expired.', retryAt: null, resync: null },
      });
      await expect(workstation.handlers['conversations.list']({ status: 'all', cursor: null, limit: 5 })).rejects.toMatchObject({ code: 'not_signed_in' });

      await signInWith(workstation);
      const push = await relay.nextFrame('push');
      expect(push.mutations.map((m) => m.body)).toEqual([{ kind: 'reply.send', conversationId: 'conv-1', messageId: message.id, body: 'kept', basis: BASIS }]);
      relay.send({ type: 'ack', lastMutationId: push.mutations[0]!.mutationId, rejections: [] });
      relay.send({ type: 'events', from: 2, to: 3, events: [{ seq: 3, at: 3, data: { type: 'message.created', message: { ...message, createdAt: 3 } } }], hasMore: false });
      await eventually('sent', () => workstation.snapshot().messages.find((m) => m.id === message.id)?.delivery === 'sent');
      expect(workstation.snapshot().outboxCount).toBe(0);
    });

    it('treats a stored token past its expiry as signed out when opened', async () => {
      relay.tokenLifetimeMs = 0;
      const first = openWorkstation().workstation;
      await signInWith(first);
      await closeWorkstation(first);
      const { workstation } = openWorkstation();
      expect(await workstation.handlers['session.get']({})).toMatchObject({ agent: null, connection: { state: 'signed-out' } });
    });
  });

  describe('conversations', () => {
    const three = [
      sampleConversation({ id: 'c-old', customerName: 'Hans', lastMessageAt: 100, status: 'resolved' }),
      sampleConversation({ id: 'c-mid', customerName: 'Li Wei', lastMessageAt: 200 }),
      sampleConversation({ id: 'c-new', customerName: 'Nok', lastMessageAt: 300 }),
    ];

    it('lists newest first in pages, filtered by status', async () => {
      const { workstation } = openWorkstation();
      await signInWith(workstation, three);
      const first = await workstation.handlers['conversations.list']({ status: 'all', cursor: null, limit: 2 });
      expect(first.items.map((c) => c.id)).toEqual(['c-new', 'c-mid']);
      const second = await workstation.handlers['conversations.list']({ status: 'all', cursor: first.nextCursor, limit: 2 });
      expect(second).toEqual({ items: [expect.objectContaining({ id: 'c-old' })], nextCursor: null });
      const open = await workstation.handlers['conversations.list']({ status: 'open', cursor: null, limit: 10 });
      expect(open.items.map((c) => c.id)).toEqual(['c-new', 'c-mid']);
      await expect(workstation.handlers['conversations.list']({ status: 'all', cursor: 'forged', limit: 2 })).rejects.toMatchObject({ code: 'bad_request' });
    });

    it('reads a thread oldest first with a cursor for earlier messages, and says not_found for an unknown id', async () => {
      const { workstation } = openWorkstation();
      await signInWith(workstation);
      for (const body of ['one', 'two', 'three']) await workstation.handlers['conversations.reply']({ conversationId: 'conv-1', body });
      const latest = await workstation.handlers['conversations.get']({ conversationId: 'conv-1', before: null, limit: 2 });
      expect(latest.messages.map((m) => m.body)).toEqual(['two', 'three']);
      const earlier = await workstation.handlers['conversations.get']({ conversationId: 'conv-1', before: latest.olderCursor, limit: 2 });
      expect(earlier.messages.map((m) => m.body)).toEqual(['hello from Nok', 'one']);
      expect(earlier.olderCursor).toBeNull();
      await expect(workstation.handlers['conversations.get']({ conversationId: 'nope', before: null, limit: 2 })).rejects.toMatchObject({ code: 'not_found' });
    });

    it('writes a reply offline: pending at once, announced, kept across a restart, pushed when the relay is back', async () => {
      const { workstation, emitted } = openWorkstation();
      await signInWith(workstation);
      const port = relay.port;
      await relay.close();
      await eventually('offline', async () => (await state(workstation)) === 'offline');

      const { message } = await workstation.handlers['conversations.reply']({ conversationId: 'conv-1', body: '我们马上处理' });
      expect(message).toMatchObject({ body: '我们马上处理', author: 'agent', authorId: mei.id, authorName: mei.name, delivery: 'pending' });
      expect(emitted).toContainEqual({ event: 'messages.changed', payload: { conversationId: 'conv-1', messageIds: [message.id] } });
      expect(emitted).toContainEqual({ event: 'conversations.changed', payload: { conversationIds: ['conv-1'] } });
      expect(emitted).toContainEqual({ event: 'connection.changed', payload: expect.objectContaining({ state: 'offline', pendingCount: 1 }) });
      expect((await workstation.handlers['conversations.get']({ conversationId: 'conv-1', before: null, limit: 5 })).conversation.lastMessagePreview).toBe('我们马上处理');

      await closeWorkstation(workstation);
      relay = await ScriptedRelay.start({ port });
      const reopened = openWorkstation().workstation;
      expect(reopened.snapshot()).toMatchObject({ cursor: 2, outboxCount: 1 });
      await relay.welcome(mei, { headSeq: 2 });
      const push = await relay.nextFrame('push');
      expect(push.mutations.map((m) => m.body)).toEqual([{ kind: 'reply.send', conversationId: 'conv-1', messageId: message.id, body: '我们马上处理', basis: BASIS }]);
    });

    it('keeps an ended call waiting for its wrap-up across a restart, then logs it into the timeline once', async () => {
      const { workstation } = openWorkstation();
      await signInWith(workstation);
      const call = { provider: 'webrtc' as const, direction: 'inbound' as const, remote: 'Nok', address: null, startedAt: 1_000, answeredAt: 2_000, endedAt: 65_000, end: 'remote-hangup' as const, wrapUpCode: null };
      const { wrapUp } = await workstation.handlers['calls.awaitWrapUp']({ conversationId: 'conv-1', call });
      await closeWorkstation(workstation);

      const reopened = openWorkstation().workstation;
      expect((await reopened.handlers['calls.pendingWrapUps']({})).wrapUps).toEqual([wrapUp]);
      const { message } = await reopened.handlers['calls.log']({ conversationId: 'conv-1', call: { ...call, wrapUpCode: 'resolved' }, notes: ' Refund agreed ', wrapUpId: wrapUp.id });
      expect(message).toMatchObject({ internal: true, body: 'Refund agreed', call: { wrapUpCode: 'resolved', end: 'remote-hangup' }, delivery: 'pending' });
      expect((await reopened.handlers['calls.pendingWrapUps']({})).wrapUps).toEqual([]);
      expect(reopened.snapshot().outboxCount).toBe(1);
    });

    it('sends a refused reply again under its own id, or discards it, only when the agent asks', async () => {
      const { workstation } = openWorkstation();
      await signInWith(workstation);
      const { message: first } = await workstation.handlers['conversations.reply']({ conversationId: 'conv-1', body: 'first try' });
      const { message: second } = await workstation.handlers['conversations.reply']({ conversationId: 'conv-1', body: 'second try' });
      const reason = 'This conversation is now assigned to Somchai.';
      const refused: number[] = [];
      while (refused.length < 2) {
        const push = await relay.nextFrame('push');
        const ids = push.mutations.map((m) => m.mutationId);
        refused.push(...ids);
        relay.send({ type: 'ack', lastMutationId: ids.at(-1)!, rejections: ids.map((mutationId) => ({ mutationId, code: 'forbidden' as const, message: reason })) });
      }
      const secondId = refused[1];
      const delivery = async (id: string) => workstation.snapshot().messages.find((m) => m.id === id)?.delivery;
      await eventually('both refused', async () => (await delivery(first.id)) === 'failed' && (await delivery(second.id)) === 'failed');

      const { message: again } = await workstation.handlers['messages.retry']({ messageId: first.id });
      expect(again).toMatchObject({ id: first.id, delivery: 'pending', deliveryError: null });
      const retried = await relay.nextFrame('push');
      expect(retried.mutations.map((m) => m.body)).toEqual([{ kind: 'reply.send', conversationId: 'conv-1', messageId: first.id, body: 'first try', basis: BASIS }]);
      expect(retried.mutations[0]!.mutationId).toBeGreaterThan(secondId!);
      await expect(workstation.handlers['messages.retry']({ messageId: first.id })).rejects.toMatchObject({ code: 'bad_request' });
      await expect(workstation.handlers['messages.discard']({ messageId: first.id })).rejects.toMatchObject({ code: 'bad_request' });

      await workstation.handlers['messages.discard']({ messageId: second.id });
      expect(workstation.snapshot().messages.map((m) => m.id)).not.toContain(second.id);
      expect((await workstation.handlers['messages.search']({ query: 'second try', limit: 5 })).hits).toEqual([]);
      await expect(workstation.handlers['messages.discard']({ messageId: second.id })).rejects.toMatchObject({ code: 'not_found' });
    });

    it('shows a status change at once and returns the conversation with it', async () => {
      const { workstation, emitted } = openWorkstation();
      await signInWith(workstation);
      const { conversation } = await workstation.handlers['conversations.setStatus']({ conversationId: 'conv-1', status: 'resolved' });
      expect(conversation.status).toBe('resolved');
      expect(emitted).toContainEqual({ event: 'conversations.changed', payload: { conversationIds: ['conv-1'] } });
      expect((await relay.nextFrame('push')).mutations.map((m) => m.body)).toEqual([{ kind: 'conversation.setStatus', conversationId: 'conv-1', status: 'resolved' }]);
    });

    it('searches the cache and answers hits with their conversation and a plain snippet, newest first', async () => {
      const { workstation } = openWorkstation();
      await signInWith(workstation, three);
      await workstation.handlers['conversations.reply']({ conversationId: 'c-old', body: 'Die Rechnung mit MwSt. kommt per E-Mail.' });
      const { hits } = await workstation.handlers['messages.search']({ query: 'hello from', limit: 20 });
      expect(hits.map((h) => h.conversation.id)).toEqual(['c-new', 'c-mid', 'c-old']);
      const german = await workstation.handlers['messages.search']({ query: 'rechnung', limit: 20 });
      expect(german.hits).toEqual([
        { message: expect.objectContaining({ delivery: 'pending' }), conversation: expect.objectContaining({ id: 'c-old' }), snippet: 'Die Rechnung mit MwSt. kommt per E-Mail.' },
      ]);
      expect((await workstation.handlers['messages.search']({ query: '"NEAR(* OR', limit: 20 })).hits).toEqual([]);
    });
  });

  describe('presence', () => {
    it('queues the chosen presence, remembers it, and follows what the relay reports', async () => {
      const { workstation, emitted } = openWorkstation();
      await signInWith(workstation);
      expect(await workstation.handlers['presence.set']({ presence: 'away' })).toEqual({ presence: 'away' });
      expect(emitted).toContainEqual({ event: 'presence.changed', payload: { presence: 'away', reason: null, until: null } });
      expect((await relay.nextFrame('push')).mutations.map((m) => m.body)).toEqual([{ kind: 'presence.set', presence: 'away' }]);
      relay.send({ type: 'presence', agentId: mei.id, presence: 'available' });
      await eventually('the relay presence', async () => (await workstation.handlers['session.get']({})).presence === 'available');
      expect(emitted.filter((e) => e.event === 'presence.changed').map((e) => e.payload)).toEqual([{ presence: 'away', reason: null, until: null }, { presence: 'available', reason: null, until: null }]);
    });
  });

  it('answers unavailable after close', async () => {
    const { workstation } = openWorkstation();
    await closeWorkstation(workstation);
    await expect(workstation.handlers['session.get']({})).rejects.toMatchObject({ code: 'unavailable' });
  });
});
