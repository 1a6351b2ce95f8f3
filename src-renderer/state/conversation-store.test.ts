import { describe, expect, it, vi } from 'vitest';
import type { ApiResult, LocalMessage, MethodOutput } from '../../src-shared/api/contract.js';
import { createApiClient } from './api-client.js';
import { createConversationStore, mergeNewestPage, THREAD_PAGE } from './conversation-store.js';
import { createFakeHost, makeConversation, makeMessage } from './fake-bridge.js';

type GetResult = ApiResult<MethodOutput<'conversations.get'>>;

function thread(conversationId: string, ids: string[], olderCursor: string | null = null): GetResult {
  return { ok: true, value: { conversation: makeConversation(conversationId), messages: ids.map((id) => makeMessage(id, conversationId)), olderCursor } };
}

function setup() {
  const host = createFakeHost();
  const onConversation = vi.fn();
  const onResolveHeld = vi.fn();
  const store = createConversationStore(createApiClient(host.bridge, () => {}), { onConversation, onResolveHeld });
  const ids = () => store.getState().messages.map((m) => m.id);
  return { host, store, ids, onConversation, onResolveHeld };
}

const messages = (ids: string[]): LocalMessage[] => ids.map((id) => makeMessage(id, 'c1'));

describe('mergeNewestPage', () => {
  it('keeps older pages the user scrolled to and their cursor', () => {
    const merged = mergeNewestPage({ messages: messages(['m1', 'm2', 'm3']), olderCursor: 'before-m1' }, { messages: messages(['m3', 'm4']), olderCursor: 'before-m3' });
    expect(merged.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(merged.olderCursor).toBe('before-m1');
  });

  it('keeps a message that arrived after the page was read', () => {
    const merged = mergeNewestPage({ messages: messages(['m1', 'm2', 'mine']), olderCursor: null }, { messages: messages(['m1', 'm2']), olderCursor: null });
    expect(merged.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'mine']);
  });

  it('takes the newer copy of a message (delivery moved on)', () => {
    const pending = makeMessage('m1', 'c1', { delivery: 'pending' });
    const merged = mergeNewestPage({ messages: [pending], olderCursor: null }, { messages: [makeMessage('m1', 'c1')], olderCursor: null });
    expect(merged.messages[0]?.delivery).toBe('sent');
  });

  it('replaces the thread when the page does not overlap, since there may be a gap', () => {
    const newest = { messages: messages(['m90', 'm91']), olderCursor: 'before-m90' };
    expect(mergeNewestPage({ messages: messages(['m1']), olderCursor: null }, newest)).toEqual(newest);
  });
});

describe('conversation store', () => {
  it('opens a conversation and loads older messages with the cursor', async () => {
    const { host, store, ids } = setup();
    host.answer('conversations.get', ({ before }) => (before === 'older' ? thread('c1', ['m1', 'm2']) : thread('c1', ['m3', 'm4'], 'older')));
    await store.getState().open('c1');
    expect(ids()).toEqual(['m3', 'm4']);
    expect(store.getState().conversation?.id).toBe('c1');
    await store.getState().loadOlder();
    expect(ids()).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(store.getState().olderCursor).toBeNull();
    expect(host.callsOf('conversations.get')).toEqual([
      { conversationId: 'c1', before: null, limit: THREAD_PAGE },
      { conversationId: 'c1', before: 'older', limit: THREAD_PAGE },
    ]);
  });

  it('drops a late answer for a conversation that is no longer open', async () => {
    const { host, store, ids } = setup();
    let releaseFirst: (result: GetResult) => void = () => {};
    host.answer('conversations.get', ({ conversationId }) =>
      conversationId === 'c1' ? new Promise<GetResult>((resolve) => (releaseFirst = resolve)) : thread('c2', ['x1']),
    );
    const first = store.getState().open('c1');
    await store.getState().open('c2');
    releaseFirst(thread('c1', ['m1']));
    await first;
    expect(store.getState().conversationId).toBe('c2');
    expect(ids()).toEqual(['x1']);
  });

  it('closes a conversation that is gone from the cache, leaving nothing of it on screen', async () => {
    const { host, store, ids } = setup();
    host.answer('conversations.get', () => thread('c1', ['m1', 'm2']));
    await store.getState().open('c1');
    expect(ids()).toEqual(['m1', 'm2']);
    host.answer('conversations.get', () => ({ ok: false, error: { code: 'not_found', message: 'There is no conversation c1 on this workstation.' } }));
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ conversationId: null, conversation: null, messages: [] });
  });

  it('writes an internal note through notes.add in note mode, and a reply again in reply mode', async () => {
    const { host, store } = setup();
    host.answer('conversations.get', () => thread('c1', []));
    host.answer('notes.add', ({ conversationId, body }) => ({ ok: true, value: { message: makeMessage('n1', conversationId, { body, internal: true, delivery: 'pending' }) } }));
    host.answer('conversations.reply', ({ conversationId, body }) => ({ ok: true, value: { message: makeMessage('r1', conversationId, { body, delivery: 'pending' }) } }));
    await store.getState().open('c1');
    store.getState().setComposeMode('note');
    store.getState().setDraft('c1', 'check the courier');
    await store.getState().send();
    store.getState().setComposeMode('reply');
    store.getState().setDraft('c1', 'on its way');
    await store.getState().send();
    expect(host.callsOf('notes.add')).toEqual([{ conversationId: 'c1', body: 'check the courier', mentions: [] }]);
    expect(host.callsOf('conversations.reply')).toEqual([{ conversationId: 'c1', body: 'on its way' }]);
    expect(store.getState().messages.map((m) => [m.id, m.internal])).toEqual([['n1', true], ['r1', false]]);
  });

  it('claims the open conversation and shows the core\'s answer, or why not', async () => {
    const { host, store, onConversation } = setup();
    host.answer('conversations.get', () => thread('c1', []));
    await store.getState().open('c1');
    host.answer('conversations.claim', () => ({ ok: true, value: { conversation: makeConversation('c1', { assigneeId: 'me' }) } }));
    await store.getState().claim();
    expect(store.getState().conversation?.assigneeId).toBe('me');
    expect(onConversation).toHaveBeenCalledWith(expect.objectContaining({ id: 'c1', assigneeId: 'me' }));
    host.answer('conversations.claim', () => ({ ok: false, error: { code: 'forbidden', message: 'A colleague already handles this conversation.' } }));
    await store.getState().claim();
    expect(store.getState().statusError).toBe('A colleague already handles this conversation.');
  });

  it('keeps a draft per conversation and sends the open one', async () => {
    const { host, store, ids } = setup();
    host.answer('conversations.get', ({ conversationId }) => thread(conversationId, []));
    host.answer('conversations.reply', ({ conversationId, body }) => ({
      ok: true,
      value: { message: makeMessage('r1', conversationId, { author: 'agent', body, delivery: 'pending' }) },
    }));
    await store.getState().open('c1');
    store.getState().setDraft('c1', 'ขอบคุณครับ');
    await store.getState().open('c2');
    store.getState().setDraft('c2', 'other');
    await store.getState().open('c1');
    expect(store.getState().drafts).toEqual({ c1: 'ขอบคุณครับ', c2: 'other' });

    expect(await store.getState().send()).toBe(true);
    expect(host.callsOf('conversations.reply')).toEqual([{ conversationId: 'c1', body: 'ขอบคุณครับ' }]);
    expect(ids()).toEqual(['r1']);
    expect(store.getState().messages[0]?.delivery).toBe('pending');
    expect(store.getState().drafts).toEqual({ c1: '', c2: 'other' });
  });

  it('asks for email fields only in an email conversation: a chat reply goes whatever the mail composer holds', async () => {
    const host = createFakeHost();
    const emailFor = vi.fn(() => 'invalid' as const);
    const store = createConversationStore(createApiClient(host.bridge, () => {}), { emailFor });
    host.answer('conversations.get', ({ conversationId }) => ({ ok: true, value: { conversation: makeConversation(conversationId, { channel: conversationId === 'mail' ? 'email' : 'webchat' }), messages: [], olderCursor: null } }));
    host.answer('conversations.reply', ({ conversationId, body }) => ({ ok: true, value: { message: makeMessage('r1', conversationId, { author: 'agent', body, delivery: 'pending' }) } }));
    await store.getState().open('chat');
    store.getState().setDraft('chat', '我马上为您查询');
    expect(await store.getState().send()).toBe(true);
    expect(emailFor).not.toHaveBeenCalled();

    await store.getState().open('mail');
    store.getState().setDraft('mail', 'Dear Kim');
    expect(await store.getState().send()).toBe(false);
    expect(store.getState().sending).toBe(false);
    expect(host.callsOf('conversations.reply')).toHaveLength(1);
  });

  it('does not send a blank draft, and keeps the draft when sending fails', async () => {
    const { host, store } = setup();
    host.answer('conversations.get', () => thread('c1', []));
    host.answer('conversations.reply', () => ({ ok: false, error: { code: 'not_found', message: 'No such conversation.' } }));
    await store.getState().open('c1');
    store.getState().setDraft('c1', '  \n ');
    expect(await store.getState().send()).toBe(false);
    expect(host.callsOf('conversations.reply')).toHaveLength(0);
    store.getState().setDraft('c1', 'Hello');
    expect(await store.getState().send()).toBe(false);
    expect(store.getState()).toMatchObject({ sending: false, sendError: 'No such conversation.', drafts: { c1: 'Hello' } });
  });

  it('sets the status and tells the inbox, and offers to undo a resolution the core holds back', async () => {
    const { host, store, onConversation, onResolveHeld } = setup();
    host.answer('conversations.get', () => thread('c1', []));
    host.answer('conversations.setStatus', ({ conversationId, status }) => ({
      ok: true,
      value: { conversation: makeConversation(conversationId, { status }), undoWindowMs: status === 'resolved' ? 5000 : null },
    }));
    await store.getState().open('c1');
    await store.getState().setStatus('pending');
    expect(onResolveHeld).not.toHaveBeenCalled();
    await store.getState().setStatus('resolved');
    expect(store.getState().conversation?.status).toBe('resolved');
    expect(onConversation).toHaveBeenCalledWith(makeConversation('c1', { status: 'resolved' }));
    expect(onResolveHeld).toHaveBeenCalledWith(makeConversation('c1', { status: 'resolved' }), 5000);
  });

  it('refreshes to show a delivery change', async () => {
    const { host, store } = setup();
    host.answer('conversations.get', () => ({
      ok: true,
      value: { conversation: makeConversation('c1'), messages: [makeMessage('r1', 'c1', { delivery: 'pending' })], olderCursor: null },
    }));
    await store.getState().open('c1');
    host.answer('conversations.get', () => ({
      ok: true,
      value: { conversation: makeConversation('c1'), messages: [makeMessage('r1', 'c1', { delivery: 'failed', deliveryError: 'Customer blocked' })], olderCursor: null },
    }));
    await store.getState().refresh();
    expect(store.getState().messages[0]).toMatchObject({ delivery: 'failed', deliveryError: 'Customer blocked' });
  });

  it('sends a refused reply again or discards it, and says why when the core refuses', async () => {
    const { host, store, ids } = setup();
    const refused = (id: string) => makeMessage(id, 'c1', { author: 'agent', delivery: 'failed', deliveryError: 'Reassigned' });
    host.answer('conversations.get', () => ({ ok: true, value: { conversation: makeConversation('c1'), messages: [refused('r1'), refused('r2')], olderCursor: null } }));
    host.answer('messages.retry', ({ messageId }) => ({ ok: true, value: { message: makeMessage(messageId, 'c1', { author: 'agent', delivery: 'pending' }) } }));
    host.answer('messages.discard', ({ messageId }) =>
      messageId === 'r2' ? { ok: true, value: {} } : { ok: false, error: { code: 'bad_request', message: 'Only a reply that was not sent can be discarded.' } },
    );
    await store.getState().open('c1');

    await store.getState().retry('r1');
    expect(store.getState().messages.find((m) => m.id === 'r1')?.delivery).toBe('pending');
    await store.getState().discard('r1');
    expect(ids()).toEqual(['r1', 'r2']);
    expect(store.getState().deliveryError).toMatch(/can be discarded/);
    await store.getState().discard('r2');
    expect(ids()).toEqual(['r1']);
    expect(store.getState().deliveryError).toBeNull();
  });
});
