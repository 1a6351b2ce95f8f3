import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EmailReply } from '../../src-shared/domain/email-reply.js';
import type { EmailOriginalView } from '../../src-shared/protocol/email.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';
import { EMPTY_EMAIL_DRAFT, emailFieldsOf, type EmailDraft } from './email-fields.js';

/** The customer's last mail, for the quote under the reply: loading, loaded, or why it could not be. */
export type LastMail = { state: 'loading'; messageId: string } | { state: 'loaded'; messageId: string; original: EmailOriginalView } | { state: 'unavailable'; messageId: string; reason: string };

export interface EmailComposeState {
  drafts: Record<string, EmailDraft>;
  lastMail: Record<string, LastMail>;
  change(conversationId: string, patch: Partial<EmailDraft>): void;
  /** Loads the customer's last mail (once per message) for the quote and the subject line. */
  loadLastMail(conversationId: string, messageId: string): Promise<void>;
  /** The fields a reply to the conversation carries; undefined when there are none, 'invalid' while the agent has to fix them. */
  fieldsFor(conversationId: string): EmailReply | undefined | 'invalid';
  /** The reply went: the fields start empty again. */
  sent(conversationId: string): void;
}

export type EmailComposeStore = StoreApi<EmailComposeState>;

export const emailComposeContext = createStoreContext<EmailComposeState>('emailCompose');
export const { useStoreApi: useEmailComposeStore, useSlice: useEmailCompose } = emailComposeContext;

/** Subject, CC, BCC and the quoted last mail of the email composer, per conversation. */
export function createEmailComposeStore(client: ApiClient): EmailComposeStore {
  return createStore<EmailComposeState>()((set, get) => ({
    drafts: {},
    lastMail: {},

    change(conversationId, patch) {
      const draft = get().drafts[conversationId] ?? EMPTY_EMAIL_DRAFT;
      set({ drafts: { ...get().drafts, [conversationId]: { ...draft, ...patch } } });
    },

    async loadLastMail(conversationId, messageId) {
      const known = get().lastMail[conversationId];
      if (known?.messageId === messageId && known.state !== 'unavailable') return;
      set({ lastMail: { ...get().lastMail, [conversationId]: { state: 'loading', messageId } } });
      const result = await client.call('messages.emailOriginal', { messageId });
      if (get().lastMail[conversationId]?.messageId !== messageId) return;
      const next: LastMail = result.ok ? { state: 'loaded', messageId, original: result.value } : { state: 'unavailable', messageId, reason: result.error.message };
      set({ lastMail: { ...get().lastMail, [conversationId]: next } });
    },

    fieldsFor(conversationId) {
      const draft = get().drafts[conversationId] ?? EMPTY_EMAIL_DRAFT;
      // The relay quotes from its own copy: the quote goes even when this desk could not show it (offline);
      // with no mail of the customer's at all, the reply is a new mail and needs a subject.
      const check = emailFieldsOf(draft, get().lastMail[conversationId] !== undefined);
      if (!check.ok) return 'invalid';
      return Object.keys(check.email).length > 0 ? check.email : undefined;
    },

    sent(conversationId) {
      const { [conversationId]: _sent, ...rest } = get().drafts;
      set({ drafts: rest });
    },
  }));
}
