import { afterEach, describe, expect, it, vi } from 'vitest';
import { UNDO_PAUSE_LEASE_MS } from '../../src-shared/api/conversations.js';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost, makeConversation } from '../state/fake-bridge.js';
import { createResolveUndoStore } from './resolve-undo-store.js';

function setup() {
  const host = createFakeHost();
  const store = createResolveUndoStore(createApiClient(host.bridge, () => {}));
  return { host, store };
}

describe('the resolve undo toast', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('offers the newest resolution for its window, then lets it go', () => {
    vi.useFakeTimers();
    const { store } = setup();
    store.getState().offer(makeConversation('c1', { customerName: 'Nok' }), 5_000);
    vi.advanceTimersByTime(3_000);
    store.getState().offer(makeConversation('c2', { customerName: 'Lan' }), 5_000);
    expect(store.getState().held).toMatchObject({ conversationId: 'c2', customerName: 'Lan' });
    // The first offer's end does not cut the second one short.
    vi.advanceTimersByTime(4_000);
    expect(store.getState().held?.conversationId).toBe('c2');
    vi.advanceTimersByTime(1_000);
    expect(store.getState().held).toBeNull();
  });

  it('asks the core to take the resolution back, once', async () => {
    const { host, store } = setup();
    host.answer('conversations.undoResolve', ({ conversationId }) => ({ ok: true, value: { conversation: makeConversation(conversationId) } }));
    store.getState().offer(makeConversation('c1'), 5_000);
    expect(await store.getState().undo()).toBe(true);
    expect(host.callsOf('conversations.undoResolve')).toEqual([{ conversationId: 'c1' }]);
    expect(store.getState().held).toBeNull();
    expect(await store.getState().undo()).toBe(false);
    expect(host.callsOf('conversations.undoResolve')).toHaveLength(1);
  });

  it('says why when the window closed before the undo arrived', async () => {
    const { host, store } = setup();
    host.answer('conversations.undoResolve', () => ({ ok: false, error: { code: 'bad_request', message: 'Too late to undo.' } }));
    store.getState().offer(makeConversation('c1'), 5_000);
    expect(await store.getState().undo()).toBe(false);
    expect(store.getState().error).toBe('Too late to undo.');
  });

  it('keeps the offer while the agent is on the toast, renewing the pause, and runs the time the core says was left once they leave', async () => {
    vi.useFakeTimers();
    const { host, store } = setup();
    host.answer('conversations.pauseUndo', ({ paused }) => ({ ok: true, value: { undoWindowMs: paused ? 3_000 : 2_500 } }));
    store.getState().offer(makeConversation('c1'), 5_000);
    vi.advanceTimersByTime(2_000);
    await store.getState().stay(true);
    expect(store.getState().held?.paused).toBe(true);
    vi.advanceTimersByTime(UNDO_PAUSE_LEASE_MS);
    expect(store.getState().held?.conversationId).toBe('c1');
    // The pause is renewed before its lease runs out, as long as the agent stays.
    expect(host.callsOf('conversations.pauseUndo').length).toBeGreaterThanOrEqual(3);
    expect(host.callsOf('conversations.pauseUndo')).not.toContainEqual({ conversationId: 'c1', paused: false });
    await store.getState().stay(false);
    const calls = host.callsOf('conversations.pauseUndo').length;
    expect(host.callsOf('conversations.pauseUndo').at(-1)).toEqual({ conversationId: 'c1', paused: false });
    vi.advanceTimersByTime(2_499);
    expect(store.getState().held?.paused).toBe(false);
    vi.advanceTimersByTime(1);
    expect(store.getState().held).toBeNull();
    vi.advanceTimersByTime(UNDO_PAUSE_LEASE_MS);
    expect(host.callsOf('conversations.pauseUndo')).toHaveLength(calls);
  });

  it('ends the offer when the core holds nothing any more to pause', async () => {
    const { host, store } = setup();
    host.answer('conversations.pauseUndo', () => ({ ok: true, value: { undoWindowMs: null } }));
    store.getState().offer(makeConversation('c1'), 5_000);
    await store.getState().stay(true);
    expect(store.getState().held).toBeNull();
    // Nothing offered: nothing asked.
    await store.getState().stay(false);
    expect(host.callsOf('conversations.pauseUndo')).toHaveLength(1);
  });
});
