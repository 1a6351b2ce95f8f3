import { describe, expect, it } from 'vitest';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost } from '../state/fake-bridge.js';
import { createNewEmailStore, newEmailFilesKey, newEmailOf, type DraftFiles } from './new-email-store.js';

const NO_FILES: DraftFiles = { readyFor: () => [], uploadingFor: () => false, sent: () => {} };
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
    const store = createNewEmailStore(createApiClient(host.bridge, () => {}), NO_FILES, (id) => opened.push(id));
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

  it('sends the files attached to this draft, waits while one is still uploading, and lets them go once the mail went', async () => {
    const host = createFakeHost();
    const file = { fileId: 'a'.repeat(64), name: 'invoice.pdf', mediaType: 'application/pdf', kind: 'document' as const, size: 1200 };
    let uploading = true;
    const released: string[] = [];
    const files: DraftFiles = { readyFor: (key) => (key === newEmailFilesKey(store.getState().messageId) ? [file] : []), uploadingFor: () => uploading, sent: (key) => released.push(key) };
    const store = createNewEmailStore(createApiClient(host.bridge, () => {}), files, () => {});
    host.answer('email.senders', () => ({ ok: true, value: [{ accountId: 'mailbox-1', displayName: 'Support', teamId: 'team-a' }] }));
    host.answer('email.start', () => ({ ok: true, value: { conversationId: 'c-new' } }));
    await store.getState().show();
    store.getState().change({ to: DRAFT.to, subject: DRAFT.subject, body: DRAFT.body });

    expect(await store.getState().send()).toBeNull();
    expect(store.getState().problems).toEqual(['files']);
    expect(host.callsOf('email.start')).toEqual([]);

    uploading = false;
    const key = newEmailFilesKey(store.getState().messageId);
    expect(await store.getState().send()).toBe('c-new');
    expect(host.callsOf('email.start')).toMatchObject([{ attachments: [file] }]);
    expect(released).toEqual([key]);
  });
});
