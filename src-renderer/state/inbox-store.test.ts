import { describe, expect, it } from 'vitest';
import type { ApiResult, MethodOutput } from '../../src-shared/api/contract.js';
import { createApiClient } from './api-client.js';
import { createFakeHost, makeConversation } from './fake-bridge.js';
import { createInboxStore, INBOX_PAGE } from './inbox-store.js';

type ListResult = ApiResult<MethodOutput<'conversations.list'>>;

function page(ids: string[], nextCursor: string | null = null): ListResult {
  return { ok: true, value: { items: ids.map((id) => makeConversation(id)), nextCursor } };
}

function setup() {
  const host = createFakeHost();
  const inbox = createInboxStore(createApiClient(host.bridge, () => {}));
  const ids = () => inbox.getState().conversations.map((c) => c.id);
  return { host, inbox, ids };
}

describe('inbox store', () => {
  it('loads the first page of all conversations and pages on with the cursor', async () => {
    const { host, inbox, ids } = setup();
    host.answer('conversations.list', ({ cursor }) => (cursor === 'p2' ? page(['c3'], null) : page(['c1', 'c2'], 'p2')));
    await inbox.getState().refresh();
    expect(ids()).toEqual(['c1', 'c2']);
    await inbox.getState().loadMore();
    expect(ids()).toEqual(['c1', 'c2', 'c3']);
    expect(inbox.getState().nextCursor).toBeNull();
    await inbox.getState().loadMore();
    expect(host.callsOf('conversations.list')).toEqual([
      { view: { kind: 'all' }, status: 'all', label: null, cursor: null, limit: INBOX_PAGE },
      { view: { kind: 'all' }, status: 'all', label: null, cursor: 'p2', limit: INBOX_PAGE },
    ]);
  });

  it('re-reads as many rows as were scrolled through and keeps the selection', async () => {
    const { host, inbox } = setup();
    const many = Array.from({ length: 70 }, (_, i) => `c${i}`);
    host.answer('conversations.list', ({ cursor }) => (cursor ? page(many.slice(50)) : page(many.slice(0, 50), 'p2')));
    await inbox.getState().refresh();
    await inbox.getState().loadMore();
    inbox.getState().select('c60');
    host.answer('conversations.list', () => page(many));
    await inbox.getState().refresh();
    expect(host.callsOf('conversations.list').at(-1)).toEqual({ view: { kind: 'all' }, status: 'all', label: null, cursor: null, limit: 70 });
    expect(inbox.getState().selectedId).toBe('c60');
  });

  it('narrows to a label and back, asking the core for it', async () => {
    const { host, inbox, ids } = setup();
    host.answer('conversations.list', ({ label }) => (label === 'vip' ? page(['c2']) : page(['c1', 'c2'])));
    await inbox.getState().refresh();
    await inbox.getState().setLabel('vip');
    expect(ids()).toEqual(['c2']);
    expect(host.callsOf('conversations.list').at(-1)).toMatchObject({ label: 'vip', cursor: null });
    await inbox.getState().setLabel(null);
    expect(ids()).toEqual(['c1', 'c2']);
  });

  it('narrows to a channel and back, with the status filter and when paging on', async () => {
    const { host, inbox, ids } = setup();
    host.answer('conversations.list', ({ channel, cursor }) => (channel === 'line' ? (cursor ? page(['line-2']) : page(['line-1'], 'p2')) : page(['c1', 'line-1'])));
    await inbox.getState().refresh();
    await inbox.getState().setFilter('open');
    await inbox.getState().setChannel('line');
    expect(ids()).toEqual(['line-1']);
    await inbox.getState().loadMore();
    expect(ids()).toEqual(['line-1', 'line-2']);
    expect(host.callsOf('conversations.list').slice(-2)).toEqual([
      { view: { kind: 'all' }, status: 'open', label: null, channel: 'line', cursor: null, limit: INBOX_PAGE },
      { view: { kind: 'all' }, status: 'open', label: null, channel: 'line', cursor: 'p2', limit: INBOX_PAGE },
    ]);
    await inbox.getState().setChannel(null);
    expect(ids()).toEqual(['c1', 'line-1']);
    expect(host.callsOf('conversations.list').at(-1)).toEqual({ view: { kind: 'all' }, status: 'open', label: null, cursor: null, limit: INBOX_PAGE });
  });

  it('lists a view with the status tab, and the same view again reads nothing', async () => {
    const { host, inbox, ids } = setup();
    host.answer('conversations.list', ({ view }) => page(view?.kind === 'mine' ? ['mine-1'] : ['c1', 'mine-1']));
    await inbox.getState().refresh();
    await inbox.getState().setFilter('open');
    await inbox.getState().setView({ kind: 'mine' });
    expect(ids()).toEqual(['mine-1']);
    const calls = host.callsOf('conversations.list').length;
    await inbox.getState().setView({ kind: 'mine' });
    expect(host.callsOf('conversations.list')).toHaveLength(calls);
    await inbox.getState().setView({ kind: 'saved', filterId: 'f1' });
    expect(host.callsOf('conversations.list').at(-1)).toEqual({ view: { kind: 'saved', filterId: 'f1' }, status: 'open', label: null, cursor: null, limit: INBOX_PAGE });
  });

  it('switches filter and drops a late answer for the previous filter', async () => {
    const { host, inbox, ids } = setup();
    let releaseAll: (result: ListResult) => void = () => {};
    host.answer('conversations.list', ({ status }) =>
      status === 'all' ? new Promise<ListResult>((resolve) => (releaseAll = resolve)) : page(['pending-1']),
    );
    const first = inbox.getState().refresh();
    const switched = inbox.getState().setFilter('pending');
    releaseAll(page(['all-1', 'all-2']));
    await Promise.all([first, switched]);
    expect(inbox.getState().filter).toBe('pending');
    expect(ids()).toEqual(['pending-1']);
  });

  it('never lets an older read overwrite a newer one', async () => {
    const { host, inbox, ids } = setup();
    const releases: ((result: ListResult) => void)[] = [];
    host.answer('conversations.list', () => new Promise<ListResult>((resolve) => releases.push(resolve)));
    const older = inbox.getState().setFilter('open');
    const newer = inbox.getState().refresh();
    releases[1]?.(page(['fresh']));
    await newer;
    releases[0]?.(page(['stale']));
    await older;
    expect(ids()).toEqual(['fresh']);
  });

  it('moves the selection with next and previous, staying inside the list', async () => {
    const { host, inbox } = setup();
    host.answer('conversations.list', () => page(['a', 'b', 'c']));
    await inbox.getState().refresh();
    const { selectNext, selectPrevious } = inbox.getState();
    selectNext();
    expect(inbox.getState().selectedId).toBe('a');
    selectNext();
    selectNext();
    selectNext();
    expect(inbox.getState().selectedId).toBe('c');
    selectPrevious();
    expect(inbox.getState().selectedId).toBe('b');
  });

  it('shows a returned conversation in place and keeps the error of a failed read', async () => {
    const { host, inbox } = setup();
    host.answer('conversations.list', () => page(['a', 'b']));
    await inbox.getState().refresh();
    inbox.getState().upsert(makeConversation('b', { status: 'resolved' }));
    expect(inbox.getState().conversations.map((c) => c.status)).toEqual(['open', 'resolved']);
    host.answer('conversations.list', () => ({ ok: false, error: { code: 'internal', message: 'disk full' } }));
    await inbox.getState().refresh();
    expect(inbox.getState()).toMatchObject({ error: 'disk full', loading: false });
    expect(inbox.getState().conversations).toHaveLength(2);
  });
});
