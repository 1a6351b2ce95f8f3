import { describe, expect, it } from 'vitest';
import type { ApiResult, MethodOutput } from '../../src-shared/api/contract.js';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost, makeAgent, makeConversation, makeMessage, settle } from '../state/fake-bridge.js';
import { INITIAL_CONNECTION } from '../state/session-store.js';
import { createStores } from './stores.js';

const shown = (id: string): ApiResult<MethodOutput<'customers.get'>> => ({
  ok: true,
  value: { customer: { id, name: `Customer ${id}`, language: 'th', market: 'TH', vip: false, identities: [], suggestions: [], merges: [] }, conversations: [], suggestions: [], pending: false },
});

describe('the customer beside the open conversation', () => {
  function setup() {
    const host = createFakeHost();
    host.answer('session.get', () => ({ ok: true, value: { agent: makeAgent(), presence: 'available', connection: INITIAL_CONNECTION } }));
    const conversations = [makeConversation('c1', { customerId: 'kim' }), makeConversation('c2', { customerId: 'kim', channel: 'line' }), makeConversation('c3', { customerId: 'nok' })];
    host.answer('conversations.list', () => ({ ok: true, value: { items: conversations, nextCursor: null } }));
    host.answer('conversations.get', ({ conversationId }) => ({
      ok: true,
      value: { conversation: conversations.find((c) => c.id === conversationId) ?? makeConversation(conversationId), messages: [makeMessage('m1', conversationId)], olderCursor: null },
    }));
    host.answer('customers.get', ({ customerId }) => shown(customerId));
    const { stores } = createStores(createApiClient(host.bridge, () => {}));
    return { host, stores };
  }

  it('follows the open conversation, keeps the customer for another conversation of theirs, and re-reads them when they change', async () => {
    const { host, stores } = setup();
    await stores.session.getState().load();
    stores.inbox.getState().select('c1');
    await settle();
    expect(stores.customer.getState().view?.customer.id).toBe('kim');
    stores.inbox.getState().select('c2');
    await settle();
    expect(host.callsOf('customers.get')).toEqual([{ customerId: 'kim' }]);
    host.emit('customers.changed', { customerIds: ['nok'] });
    await settle();
    expect(host.callsOf('customers.get')).toHaveLength(1);
    host.emit('customers.changed', { customerIds: ['kim'] });
    await settle();
    expect(host.callsOf('customers.get')).toHaveLength(2);
    stores.inbox.getState().select('c3');
    await settle();
    expect(stores.customer.getState().view?.customer.id).toBe('nok');
    stores.inbox.getState().select(null);
    await settle();
    expect(stores.customer.getState().view).toBeNull();
  });
});
