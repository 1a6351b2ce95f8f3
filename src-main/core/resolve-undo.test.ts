import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import { sampleAgent, sampleConversation, sampleMessage } from '../store/testing/records.js';
import { eventually } from '../sync/testing/eventually.js';
import { ScriptedRelay } from '../sync/testing/scripted-relay.js';
import { RESUME_MIN_MS } from '../sync/resolution-hold.js';
import { Workstation } from './workstation.js';

const mei = sampleAgent();
/** Long enough that the test's own calls land well inside it on a loaded machine. */
const UNDO_MS = 1_500;
const TIMING = { backoff: { baseMs: 10, capMs: 40 }, pingIntervalMs: 1_000, handshakeTimeoutMs: 2_000, random: () => 0.5, resolveUndoMs: UNDO_MS };

/** The core's side of "resolve, then undo within a few seconds" against a scripted relay. */
describe('a resolve held for its undo window', () => {
  let dir: string;
  let relay: ScriptedRelay;
  const open: Workstation[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'resolve-undo-'));
    relay = await ScriptedRelay.start();
    relay.addAccount('mei@demo.test', 'demo1234', mei);
  });

  afterEach(async () => {
    for (const workstation of open.splice(0)) await workstation.close();
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function openWorkstation(): Workstation {
    const workstation = Workstation.open({ dbPath: path.join(dir, 'cache.sqlite'), relayUrl: relay.url, syncTiming: TIMING, log: () => undefined });
    open.push(workstation);
    return workstation;
  }

  async function signedIn(): Promise<Workstation> {
    const workstation = openWorkstation();
    await workstation.handlers['session.login']({ email: mei.email, password: 'demo1234' });
    await relay.nextFrame('hello');
    const events: SyncEvent[] = [
      { seq: 1, at: 1, data: { type: 'conversation.upserted', conversation: sampleConversation() } },
      { seq: 2, at: 1, data: { type: 'message.created', message: sampleMessage({ id: 'm-1', conversationId: 'conv-1', body: 'สวัสดีค่ะ' }) } },
    ];
    relay.send({ type: 'welcome', agent: mei, lastMutationId: 0, headSeq: 2 });
    const pull = await relay.nextFrame('pull');
    relay.send({ type: 'events', from: pull.cursor, to: 2, events: events.filter((e) => e.seq > pull.cursor), hasMore: false });
    await eventually('online', async () => (await workstation.handlers['session.get']({})).connection.state === 'online');
    return workstation;
  }

  const shownStatus = async (workstation: Workstation) => (await workstation.handlers['conversations.get']({ conversationId: 'conv-1', before: null, limit: 10 })).conversation.status;
  const pending = async (workstation: Workstation) => (await workstation.handlers['session.get']({})).connection.pendingCount;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('shows the resolution at once, sends it only after the window, and then refuses to undo it', async () => {
    const workstation = await signedIn();
    const resolvedAt = Date.now();
    const answer = await workstation.handlers['conversations.setStatus']({ conversationId: 'conv-1', status: 'resolved' });
    expect(answer).toMatchObject({ conversation: { status: 'resolved' }, undoWindowMs: UNDO_MS });
    // A second press changes nothing and offers no second window.
    expect((await workstation.handlers['conversations.setStatus']({ conversationId: 'conv-1', status: 'resolved' })).undoWindowMs).toBeNull();
    // A reply written meanwhile waits behind it: the relay takes a desk's changes in order.
    await workstation.handlers['conversations.reply']({ conversationId: 'conv-1', body: 'ขอบคุณค่ะ' });
    expect(relay.queued('push')).toBe(0);

    const push = await relay.nextFrame('push', UNDO_MS + 5_000);
    expect(Date.now() - resolvedAt).toBeGreaterThanOrEqual(UNDO_MS);
    expect(push.mutations.map((m) => m.body.kind)).toEqual(['conversation.setStatus', 'reply.send']);
    await expect(workstation.handlers['conversations.undoResolve']({ conversationId: 'conv-1' })).rejects.toMatchObject({ code: 'bad_request', message: /Too late to undo/ });
    expect(await shownStatus(workstation)).toBe('resolved');
  });

  it('takes the resolution back within the window: the conversation shows open again and the relay never hears of it', async () => {
    const workstation = await signedIn();
    await workstation.handlers['conversations.setStatus']({ conversationId: 'conv-1', status: 'resolved' });
    const changed: string[][] = [];
    workstation.on('conversations.changed', ({ conversationIds }) => changed.push(conversationIds));
    expect(await workstation.handlers['conversations.undoResolve']({ conversationId: 'conv-1' })).toMatchObject({ conversation: { status: 'open' } });
    expect(changed).toEqual([['conv-1']]);
    expect(await shownStatus(workstation)).toBe('open');
    expect(await pending(workstation)).toBe(0);
    // Once is all: nothing is left to take back.
    await expect(workstation.handlers['conversations.undoResolve']({ conversationId: 'conv-1' })).rejects.toMatchObject({ code: 'bad_request' });

    // Past the window, a later change goes alone.
    await pause(UNDO_MS + 100);
    await workstation.handlers['conversations.setStatus']({ conversationId: 'conv-1', status: 'pending' });
    const push = await relay.nextFrame('push');
    expect(push.mutations.map((m) => m.body)).toEqual([{ kind: 'conversation.setStatus', conversationId: 'conv-1', status: 'pending' }]);
  });

  it('holds the resolution past its window while the agent is on the toast, and sends it, with what came after, once they leave', async () => {
    const workstation = await signedIn();
    await workstation.handlers['conversations.setStatus']({ conversationId: 'conv-1', status: 'resolved' });
    const paused = await workstation.handlers['conversations.pauseUndo']({ conversationId: 'conv-1', paused: true });
    expect(paused.undoWindowMs).toBeGreaterThan(0);
    expect(paused.undoWindowMs).toBeLessThanOrEqual(UNDO_MS);
    await workstation.handlers['conversations.reply']({ conversationId: 'conv-1', body: 'ขอบคุณค่ะ' });
    await pause(UNDO_MS + 300);
    expect(relay.queued('push')).toBe(0);
    // Off the toast: it runs again with at least the short minimum, then both go, in order.
    const resumed = await workstation.handlers['conversations.pauseUndo']({ conversationId: 'conv-1', paused: false });
    expect(resumed.undoWindowMs).toBeGreaterThanOrEqual(RESUME_MIN_MS);
    const push = await relay.nextFrame('push', RESUME_MIN_MS + 5_000);
    expect(push.mutations.map((m) => m.body.kind)).toEqual(['conversation.setStatus', 'reply.send']);
    expect(await workstation.handlers['conversations.pauseUndo']({ conversationId: 'conv-1', paused: true })).toEqual({ undoWindowMs: null });
  });

  it('lets the agent undo a resolution whose window they paused, past its end, also while offline', async () => {
    const workstation = await signedIn();
    relay.dropConnection();
    await relay.nextFrame('hello');
    await workstation.handlers['conversations.setStatus']({ conversationId: 'conv-1', status: 'resolved' });
    await workstation.handlers['conversations.pauseUndo']({ conversationId: 'conv-1', paused: true });
    await pause(UNDO_MS + 300);
    expect(await workstation.handlers['conversations.undoResolve']({ conversationId: 'conv-1' })).toMatchObject({ conversation: { status: 'open' } });
    expect(await pending(workstation)).toBe(0);
    // Nothing held: nothing to pause.
    expect(await workstation.handlers['conversations.pauseUndo']({ conversationId: 'conv-1', paused: true })).toEqual({ undoWindowMs: null });
  });

  it('takes the resolution back when the agent sets another status within the window', async () => {
    const workstation = await signedIn();
    await workstation.handlers['conversations.setStatus']({ conversationId: 'conv-1', status: 'resolved' });
    expect(await workstation.handlers['conversations.setStatus']({ conversationId: 'conv-1', status: 'open' })).toMatchObject({ conversation: { status: 'open' }, undoWindowMs: null });
    expect(await pending(workstation)).toBe(0);
    await pause(UNDO_MS + 100);
    expect(relay.queued('push')).toBe(0);
  });

  it('holds and undoes the same way while the desk is offline, and sends nothing when it is back', async () => {
    const workstation = await signedIn();
    relay.dropConnection();
    // The desk tries again; the scripted relay leaves its hello unanswered, so it stays offline.
    await relay.nextFrame('hello');
    expect((await workstation.handlers['session.get']({})).connection.state).not.toBe('online');

    await workstation.handlers['conversations.setStatus']({ conversationId: 'conv-1', status: 'resolved' });
    expect(await shownStatus(workstation)).toBe('resolved');
    await workstation.handlers['conversations.undoResolve']({ conversationId: 'conv-1' });
    expect(await shownStatus(workstation)).toBe('open');
    expect(await pending(workstation)).toBe(0);

    relay.send({ type: 'welcome', agent: mei, lastMutationId: 0, headSeq: 2 });
    const pull = await relay.nextFrame('pull');
    relay.send({ type: 'events', from: pull.cursor, to: 2, events: [], hasMore: false });
    await eventually('online', async () => (await workstation.handlers['session.get']({})).connection.state === 'online');
    await pause(UNDO_MS + 100);
    expect(relay.queued('push')).toBe(0);
  });

  it('keeps a resolution the agent did not undo through a restart of the desk, and sends it once the window has passed', async () => {
    const first = await signedIn();
    await first.handlers['conversations.setStatus']({ conversationId: 'conv-1', status: 'resolved' });
    await first.close();
    open.splice(open.indexOf(first), 1);

    const again = openWorkstation();
    await relay.welcome(mei, { headSeq: 2 });
    expect(await shownStatus(again)).toBe('resolved');
    const push = await relay.nextFrame('push', UNDO_MS + 5_000);
    expect(push.mutations.map((m) => m.body)).toEqual([{ kind: 'conversation.setStatus', conversationId: 'conv-1', status: 'resolved' }]);
  });
});
