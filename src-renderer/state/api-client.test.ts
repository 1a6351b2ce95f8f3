import { describe, expect, it, vi } from 'vitest';
import type { WorkstationBridge } from '../../src-shared/api/contract.js';
import { createApiClient } from './api-client.js';
import { createFakeHost, makeAgent, makeConversation } from './fake-bridge.js';

describe('api client', () => {
  it('refuses params the contract rejects without bothering the host', async () => {
    const host = createFakeHost();
    const client = createApiClient(host.bridge, () => {});
    const result = await client.call('conversations.reply', { conversationId: 'c1', body: '   ' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('bad_request');
    expect(host.calls).toHaveLength(0);
  });

  it('hands back a value that matches the contract', async () => {
    const host = createFakeHost();
    host.answer('conversations.list', () => ({ ok: true, value: { items: [makeConversation('c1')], nextCursor: null } }));
    const client = createApiClient(host.bridge, () => {});
    const result = await client.call('conversations.list', { status: 'open' });
    expect(result).toEqual({ ok: true, value: { items: [makeConversation('c1')], nextCursor: null } });
    expect(host.callsOf('conversations.list')).toEqual([{ status: 'open' }]);
  });

  it('turns a value of the wrong shape into an internal error and says why', async () => {
    const host = createFakeHost();
    const bogus: unknown = { agent: { id: 7 } };
    host.answer('session.login', () => ({ ok: true, value: bogus as { agent: ReturnType<typeof makeAgent>; twoFactor: null } }));
    const warn = vi.fn();
    const client = createApiClient(host.bridge, warn);
    const result = await client.call('session.login', { email: 'mei@example.com', password: 'pw' });
    expect(!result.ok && result.error.code).toBe('internal');
    expect(warn).toHaveBeenCalledOnce();
  });

  it('passes the host error through, and replaces an unreadable one', async () => {
    const host = createFakeHost();
    host.answer('session.login', () => ({ ok: false, error: { code: 'unauthorized', message: 'Wrong email or password.' } }));
    const client = createApiClient(host.bridge, () => {});
    expect(await client.call('session.login', { email: 'mei@example.com', password: 'x' })).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'Wrong email or password.' },
    });
    host.answer('session.logout', () => ({ ok: false, error: { code: 'nonsense', message: 1 } as never }));
    const unreadable = await client.call('session.logout', {});
    expect(!unreadable.ok && unreadable.error.code).toBe('internal');
  });

  it('answers unavailable when the bridge throws', async () => {
    const bridge: WorkstationBridge = {
      invoke: () => Promise.reject(new Error('ipc channel closed')),
      on: () => () => {},
    };
    const result = await createApiClient(bridge, () => {}).call('session.get', {});
    expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: 'ipc channel closed' } });
  });

  it('delivers events that match the contract and drops the others', () => {
    const host = createFakeHost();
    const warn = vi.fn();
    const client = createApiClient(host.bridge, warn);
    const seen: unknown[] = [];
    const stop = client.on('messages.changed', (payload) => seen.push(payload));
    host.emit('messages.changed', { conversationId: 'c1', messageIds: ['m1'] });
    host.emit('messages.changed', { conversationId: 42 });
    expect(seen).toEqual([{ conversationId: 'c1', messageIds: ['m1'] }]);
    expect(warn).toHaveBeenCalledOnce();
    stop();
    host.emit('messages.changed', { conversationId: 'c2', messageIds: [] });
    expect(seen).toHaveLength(1);
  });

  it('reports the host link only for a bridge that can drop', () => {
    const host = createFakeHost();
    const link = vi.fn();
    createApiClient(host.bridge, () => {}).onHostLink(link);
    host.link(false);
    host.link(true);
    expect(link.mock.calls).toEqual([[false], [true]]);

    const electronLike: WorkstationBridge = { invoke: host.bridge.invoke, on: host.bridge.on };
    const stop = createApiClient(electronLike, () => {}).onHostLink(link);
    expect(typeof stop).toBe('function');
  });
});
