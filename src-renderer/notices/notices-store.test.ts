import { describe, expect, it } from 'vitest';
import type { Notice } from '../../src-shared/api/contract.js';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost } from '../state/fake-bridge.js';
import { createNoticesStore } from './notices-store.js';

function notice(id: string, overrides: Partial<Notice> = {}): Notice {
  return { id, at: 1, kind: 'claim-lost', conversationId: 'c1', customerName: 'Nok', otherAgentName: 'Somchai', messageId: null, detail: 'Somchai took it first.', openable: true, ...overrides };
}

function setup() {
  const host = createFakeHost();
  const store = createNoticesStore(createApiClient(host.bridge, () => {}));
  return { host, store };
}

describe('notices store', () => {
  it('loads what the core keeps and takes the newer list from notices.changed', async () => {
    const { host, store } = setup();
    host.answer('notices.list', () => ({ ok: true, value: { notices: [notice('n1')] } }));
    await store.getState().load();
    expect(store.getState().notices.map((n) => n.id)).toEqual(['n1']);
    store.getState().apply([notice('n2'), notice('n1')]);
    expect(store.getState().notices.map((n) => n.id)).toEqual(['n2', 'n1']);
  });

  it('hides a dismissed notice at once, and brings it back if the core refused', async () => {
    const { host, store } = setup();
    host.answer('notices.list', () => ({ ok: true, value: { notices: [notice('n1'), notice('n2')] } }));
    await store.getState().load();
    host.answer('notices.dismiss', () => ({ ok: true, value: {} }));
    await store.getState().dismiss('n1');
    expect(store.getState().notices.map((n) => n.id)).toEqual(['n2']);
    expect(host.callsOf('notices.dismiss')).toEqual([{ noticeId: 'n1' }]);

    host.answer('notices.dismiss', () => ({ ok: false, error: { code: 'unavailable', message: 'shutting down' } }));
    await store.getState().dismiss('n2');
    expect(store.getState().error).toBe('shutting down');
    // Read again from the core, which still has both.
    expect(store.getState().notices.map((n) => n.id)).toEqual(['n1', 'n2']);
  });
});
