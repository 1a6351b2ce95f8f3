import { describe, expect, it } from 'vitest';
import type { ViewCounts } from '../../src-shared/api/contract.js';
import { createStores } from './stores.js';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost, makeAgent, makeConversation, settle } from '../state/fake-bridge.js';
import { INITIAL_CONNECTION } from '../state/session-store.js';
import { NEW_CRITERIA } from '../views/views-store.js';

const filter = { id: 'f1', name: 'Open mail', criteria: { ...NEW_CRITERIA, channels: ['email' as const] } };
const counts = (saved: ViewCounts['saved']): ViewCounts => ({ all: 4, mine: 2, unassigned: 1, mentions: 0, teams: [], channels: [], saved });

function setup() {
  const host = createFakeHost();
  host.answer('session.get', () => ({ ok: true, value: { agent: makeAgent(), presence: 'available', connection: INITIAL_CONNECTION } }));
  host.answer('conversations.list', () => ({ ok: true, value: { items: [makeConversation('c1')], nextCursor: null } }));
  host.answer('views.counts', () => ({ ok: true, value: counts([{ filter, count: 3 }]) }));
  host.answer('views.choices', () => ({ ok: true, value: { labels: [], languages: [], markets: [] } }));
  const { stores } = createStores(createApiClient(host.bridge, () => {}));
  return { host, stores };
}

describe('views store, wired', () => {
  it('loads the counts at sign-in and takes the ones the core pushes', async () => {
    const { host, stores } = setup();
    await stores.session.getState().load();
    await settle();
    expect(stores.views.getState().counts?.saved[0]?.count).toBe(3);
    host.emit('views.changed', counts([{ filter, count: 2 }]));
    expect(stores.views.getState().counts?.saved[0]?.count).toBe(2);
  });

  it('refuses a filter without a name before the core sees it, and shows what the core refused', async () => {
    const { host, stores } = setup();
    await stores.session.getState().load();
    stores.views.getState().startNew();
    expect(await stores.views.getState().save()).toBeNull();
    expect(stores.views.getState().error).toContain('Give the filter a name.');
    expect(host.callsOf('views.saveFilter')).toEqual([]);

    host.answer('views.saveFilter', () => ({ ok: false, error: { code: 'bad_request', message: 'You already have a filter named "Open mail".' } }));
    stores.views.getState().changeDraft({ name: 'open mail' });
    expect(await stores.views.getState().save()).toBeNull();
    expect(stores.views.getState()).toMatchObject({ error: 'You already have a filter named "Open mail".', draft: { name: 'open mail' } });
  });

  it('leaves a deleted filter’s view for All', async () => {
    const { host, stores } = setup();
    await stores.session.getState().load();
    await settle();
    await stores.inbox.getState().setView({ kind: 'saved', filterId: 'f1' });
    host.answer('views.deleteFilter', () => ({ ok: true, value: {} }));
    host.answer('views.counts', () => ({ ok: true, value: counts([]) }));
    expect(await stores.views.getState().remove('f1')).toBe(true);
    await settle();
    expect(stores.inbox.getState().view).toEqual({ kind: 'all' });
  });
});
