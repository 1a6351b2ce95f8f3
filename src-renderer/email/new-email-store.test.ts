import { describe, expect, it } from 'vitest';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost } from '../state/fake-bridge.js';
import { createNewEmailStore, newEmailOf } from './new-email-store.js';

const DRAFT = { accountId: 'mailbox-1', to: 'Lee <Lee@Example.org>', subject: 'Your refund', cc: '', bcc: '', body: 'Approved today.' };

describe('a new mail from the desk', () => {
  it('makes the request from the draft, with the address lower-cased and copies only when given', () => {
    expect(newEmailOf({ ...DRAFT, cc: 'billing@example.org' }, 'm-1')).toEqual({
      ok: true,
      mail: { messageId: 'm-1', accountId: 'mailbox-1', to: 'lee@example.org', subject: 'Your refund', body: 'Approved today.', cc: ['billing@example.org'] },
    });
  });

  it('names every field to fix: one recipient, copies that are addresses, a subject, a text', () => {
    expect(newEmailOf({ ...DRAFT, to: 'lee@example.org, kim@example.com', cc: 'billing@', subject: ' ', body: '' }, 'm-1')).toEqual({ ok: false, problems: ['to', 'cc', 'subject', 'body'] });
    expect(newEmailOf({ ...DRAFT, to: '' }, 'm-1')).toEqual({ ok: false, problems: ['to'] });
  });

  it('keeps the draft and its message id when the mail could not go, and opens the conversation when it went', async () => {
    const host = createFakeHost();
    const opened: string[] = [];
    const store = createNewEmailStore(createApiClient(host.bridge, () => {}), (id) => opened.push(id));
    host.answer('email.senders', () => ({ ok: true, value: [{ accountId: 'mailbox-1', displayName: 'Support', teamId: 'team-a' }] }));
    await store.getState().show();
    expect(store.getState().draft.accountId).toBe('mailbox-1');
    store.getState().change({ to: DRAFT.to, subject: DRAFT.subject, body: DRAFT.body });

    host.answer('email.start', () => ({ ok: false, error: { code: 'unavailable', message: 'The relay cannot be reached.' } }));
    expect(await store.getState().send()).toBeNull();
    expect(store.getState()).toMatchObject({ open: true, error: 'The relay cannot be reached.', draft: { subject: 'Your refund' } });
    const firstId = store.getState().messageId;

    host.answer('email.start', () => ({ ok: true, value: { conversationId: 'c-new' } }));
    expect(await store.getState().send()).toBe('c-new');
    const sentIds = host.callsOf('email.start').map((call) => (call as { messageId: string }).messageId);
    expect(sentIds).toEqual([firstId, firstId]);
    expect(opened).toEqual(['c-new']);
    expect(store.getState()).toMatchObject({ open: false, draft: { to: '', subject: '' } });
    expect(store.getState().messageId).not.toBe(firstId);
  });
});
