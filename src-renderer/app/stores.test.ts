import { describe, expect, it } from 'vitest';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost, makeAgent, makeConversation, makeMessage, settle } from '../state/fake-bridge.js';
import { INITIAL_CONNECTION } from '../state/session-store.js';
import { createStores } from './stores.js';

function setup() {
  const host = createFakeHost();
  let agent: ReturnType<typeof makeAgent> | null = makeAgent();
  host.answer('session.get', () => ({ ok: true, value: { agent, presence: 'available', connection: INITIAL_CONNECTION } }));
  host.answer('conversations.list', () => ({ ok: true, value: { items: [makeConversation('c1'), makeConversation('c2')], nextCursor: null } }));
  host.answer('conversations.get', ({ conversationId }) => ({
    ok: true,
    value: { conversation: makeConversation(conversationId), messages: [makeMessage('m1', conversationId)], olderCursor: null },
  }));
  host.answer('session.logout', () => {
    agent = null;
    return { ok: true, value: {} };
  });
  const { stores, disconnect } = createStores(createApiClient(host.bridge, () => {}));
  return { host, stores, disconnect };
}

describe('store wiring', () => {
  it('loads the inbox once an agent is known and opens what is selected', async () => {
    const { host, stores } = setup();
    await stores.session.getState().load();
    await settle();
    expect(stores.inbox.getState().conversations.map((c) => c.id)).toEqual(['c1', 'c2']);
    stores.inbox.getState().select('c2');
    await settle();
    expect(stores.conversation.getState().conversation?.id).toBe('c2');
    expect(host.callsOf('conversations.get')).toHaveLength(1);
  });

  it('re-reads the inbox and the open thread on change events', async () => {
    const { host, stores } = setup();
    await stores.session.getState().load();
    stores.inbox.getState().select('c1');
    await settle();
    const before = { lists: host.callsOf('conversations.list').length, gets: host.callsOf('conversations.get').length };

    host.emit('messages.changed', { conversationId: 'c2', messageIds: ['x'] });
    await settle();
    expect(host.callsOf('conversations.get')).toHaveLength(before.gets);

    host.emit('messages.changed', { conversationId: 'c1', messageIds: ['m2'] });
    host.emit('conversations.changed', { conversationIds: ['c1'] });
    await settle();
    expect(host.callsOf('conversations.list').length).toBeGreaterThan(before.lists);
    expect(host.callsOf('conversations.get').length).toBeGreaterThan(before.gets);
    expect(stores.inbox.getState().selectedId).toBe('c1');
  });

  it('applies connection and presence events', async () => {
    const { host, stores } = setup();
    const offline = { state: 'offline' as const, pendingCount: 3, lastError: 'relay down', retryAt: 123 };
    host.emit('connection.changed', offline);
    host.emit('presence.changed', { presence: 'away' });
    expect(stores.session.getState()).toMatchObject({ connection: offline, presence: 'away' });
  });

  it('forgets everything on sign-out', async () => {
    const { stores } = setup();
    await stores.session.getState().load();
    stores.inbox.getState().select('c1');
    await settle();
    stores.conversation.getState().setDraft('c1', 'half a reply');
    await stores.session.getState().logout();
    expect(stores.session.getState().status).toBe('signed-out');
    expect(stores.inbox.getState()).toMatchObject({ conversations: [], selectedId: null });
    expect(stores.conversation.getState()).toMatchObject({ conversationId: null, drafts: {} });
  });

  it('reads everything again after the host link comes back', async () => {
    const { host, stores } = setup();
    await stores.session.getState().load();
    stores.inbox.getState().select('c1');
    await settle();
    const before = { sessions: host.callsOf('session.get').length, lists: host.callsOf('conversations.list').length, gets: host.callsOf('conversations.get').length };
    host.link(false);
    expect(stores.session.getState().hostLinked).toBe(false);
    host.link(true);
    await settle();
    expect(stores.session.getState().hostLinked).toBe(true);
    expect(host.callsOf('session.get')).toHaveLength(before.sessions + 1);
    expect(host.callsOf('conversations.list')).toHaveLength(before.lists + 1);
    expect(host.callsOf('conversations.get')).toHaveLength(before.gets + 1);
  });

  it('stops listening once disconnected', async () => {
    const { host, stores, disconnect } = setup();
    disconnect();
    host.emit('presence.changed', { presence: 'away' });
    expect(stores.session.getState().presence).toBe('offline');
  });
});
