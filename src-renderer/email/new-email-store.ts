import { createStore, type StoreApi } from 'zustand/vanilla';
import { parseAddressField } from '../../src-shared/domain/email-reply.js';
import type { MessageAttachment } from '../../src-shared/domain/model.js';
import { NewEmail, type EmailSender } from '../../src-shared/protocol/email.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

export interface NewEmailDraft {
  accountId: string;
  to: string;
  subject: string;
  cc: string;
  bcc: string;
  body: string;
}

const EMPTY_DRAFT: NewEmailDraft = { accountId: '', to: '', subject: '', cc: '', bcc: '', body: '' };

/** What the agent has to fix before the mail can go, by field. */
export type NewEmailProblem = 'to' | 'subject' | 'cc' | 'bcc' | 'body' | 'accountId' | 'files';

/** The composer's attachments, keyed here by draft rather than by conversation (a new mail has none yet). */
export interface DraftFiles {
  readyFor(key: string): MessageAttachment[];
  uploadingFor(key: string): boolean;
  sent(key: string): void;
}

/** Where the draft's files wait in the attachments store: the draft's own message id names it. */
export function newEmailFilesKey(messageId: string): string {
  return `new-email:${messageId}`;
}

export interface NewEmailState {
  open: boolean;
  /** The agent's mailboxes; null while loading. */
  senders: EmailSender[] | null;
  draft: NewEmailDraft;
  /** One per draft: sending again after a lost answer starts the same conversation. */
  messageId: string;
  problems: NewEmailProblem[];
  sending: boolean;
  /** The relay's or the connection's words when the mail could not go. */
  error: string | null;
  show(): Promise<void>;
  close(): void;
  change(patch: Partial<NewEmailDraft>): void;
  /** Sends the mail; answers the new conversation's id, or null when it did not go. */
  send(): Promise<string | null>;
}

export type NewEmailStore = StoreApi<NewEmailState>;

export const newEmailContext = createStoreContext<NewEmailState>('newEmail');
export const { useStoreApi: useNewEmailStore, useSlice: useNewEmail } = newEmailContext;

/** The request the draft makes, or the fields that stop it. */
export function newEmailOf(
  draft: NewEmailDraft,
  messageId: string,
  attachments: readonly MessageAttachment[] = [],
): { ok: true; mail: NewEmail } | { ok: false; problems: NewEmailProblem[] } {
  const to = parseAddressField(draft.to);
  const cc = parseAddressField(draft.cc);
  const bcc = parseAddressField(draft.bcc);
  const problems: NewEmailProblem[] = [];
  if (!to.ok || to.addresses.length !== 1) problems.push('to');
  if (!cc.ok) problems.push('cc');
  if (!bcc.ok) problems.push('bcc');
  const parsed = NewEmail.safeParse({
    messageId,
    accountId: draft.accountId,
    to: to.ok ? to.addresses[0] : '',
    subject: draft.subject,
    body: draft.body,
    ...(cc.ok && cc.addresses.length ? { cc: cc.addresses } : {}),
    ...(bcc.ok && bcc.addresses.length ? { bcc: bcc.addresses } : {}),
    ...(attachments.length ? { attachments } : {}),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'subject' || field === 'body' || field === 'accountId') && !problems.includes(field)) problems.push(field);
    }
  }
  return problems.length === 0 && parsed.success ? { ok: true, mail: parsed.data } : { ok: false, problems };
}

/** The "New email" dialog: a mail to a customer from one of the agent's mailboxes, opening its conversation. */
export function createNewEmailStore(client: ApiClient, files: DraftFiles, onStarted: (conversationId: string) => void): NewEmailStore {
  return createStore<NewEmailState>()((set, get) => ({
    open: false,
    senders: null,
    draft: EMPTY_DRAFT,
    messageId: crypto.randomUUID(),
    problems: [],
    sending: false,
    error: null,

    async show() {
      set({ open: true, error: null, problems: [] });
      const result = await client.call('email.senders', {});
      if (!result.ok) {
        set({ senders: [], error: result.error.message });
        return;
      }
      const senders = result.value;
      const draft = get().draft;
      set({ senders, draft: draft.accountId ? draft : { ...draft, accountId: senders[0]?.accountId ?? '' } });
    },

    close() {
      set({ open: false });
    },

    change(patch) {
      set({ draft: { ...get().draft, ...patch }, problems: [] });
    },

    async send() {
      if (get().sending) return null;
      const filesKey = newEmailFilesKey(get().messageId);
      if (files.uploadingFor(filesKey)) {
        set({ problems: ['files'] });
        return null;
      }
      const checked = newEmailOf(get().draft, get().messageId, files.readyFor(filesKey));
      if (!checked.ok) {
        set({ problems: checked.problems });
        return null;
      }
      set({ sending: true, error: null });
      const result = await client.call('email.start', checked.mail);
      if (!result.ok) {
        // The draft and its message id stay: sending again cannot start a second conversation.
        set({ sending: false, error: result.error.message });
        return null;
      }
      files.sent(filesKey);
      set({ sending: false, open: false, draft: EMPTY_DRAFT, messageId: crypto.randomUUID() });
      onStarted(result.value.conversationId);
      return result.value.conversationId;
    },
  }));
}
