import { afterEach, describe, expect, it, vi } from 'vitest';
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
});
