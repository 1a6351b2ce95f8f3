import type { EmailReply } from '../../src-shared/domain/email-reply.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LocalConversation, LocalMessage, TranslationOutcome } from '../../src-shared/api/contract.js';
import type { Conversation, ConversationStatus, MessageAttachment } from '../../src-shared/domain/model.js';
import type { EmailOriginalShown } from '../../src-shared/api/messages.js';
import type { RevealRequest, RevealResponse } from '../../src-shared/protocol/masking.js';
import type { ApiClient } from './api-client.js';
import { createStoreContext } from './store-context.js';
import { coalesced } from './coalesced.js';

export const THREAD_PAGE = 50;

export interface ConversationState {
  conversationId: string | null;
  conversation: LocalConversation | null;
  /** Oldest first. */
  messages: LocalMessage[];
  olderCursor: string | null;
  loading: boolean;
  loadingOlder: boolean;
  error: string | null;
  /** Unsent text per conversation; lives as long as the window. */
  drafts: Record<string, string>;
  sending: boolean;
  sendError: string | null;
  statusError: string | null;
  /** What the composer writes: a reply to the customer, or an internal note for colleagues. */
  composeMode: ComposeMode;
  setComposeMode(mode: ComposeMode): void;
  /** Replaces the open conversation's labels. */
  setLabels(labels: string[]): Promise<void>;
  /** Takes the open conversation from the team queue. */
  claim(): Promise<void>;
  open(conversationId: string | null): Promise<void>;
  /** Re-reads the newest page and merges it with what is already shown. */
  refresh(): Promise<void>;
  loadOlder(): Promise<void>;
  setDraft(conversationId: string, text: string): void;
  /**
   * Sends the open conversation's draft; true when the core took it. With `translated`, the
   * customer gets its body and the transcript keeps the draft as the agent's original.
   */
  send(translated?: { body: string; language: string }): Promise<boolean>;
  /** Accepts or declines a conversation offered to this agent; the reason when it could not be sent. */
  answerOffer(conversationId: string, accept: boolean): Promise<string | null>;
  /** Translates a customer message into the agent's language now, ahead of background work. */
  translate(messageId: string): Promise<TranslationOutcome | null>;
  /** The full mail behind an email message, from the relay; the reason as text when it cannot be had. */
  emailOriginal(messageId: string): Promise<EmailOriginalShown | string>;
  /** One masked value of a message, from the relay, which audits the reason; the refusal as text. Kept by the caller, never stored. */
  reveal(request: Omit<RevealRequest, 'conversationId'>): Promise<RevealResponse | string>;
  /** Forwards an email message of the open conversation (with its files) to `to`, recorded in the thread; the reason when it could not be. */
  forwardEmail(messageId: string, to: string, body: string): Promise<string | null>;
  /** A mail's remote images as data: URLs, fetched by the workstation (the mail's frame fetches nothing). */
  emailImages(urls: string[]): Promise<Record<string, string | null>>;
  /** Shows why a reply was not sent (e.g. its translation failed). */
  failSend(message: string): void;
  setStatus(status: ConversationStatus): Promise<void>;
  /** Sends a reply the relay refused again, as written. */
  retry(messageId: string): Promise<void>;
  /** Sends a reply the messaging app refused once more, as a new reply. */
  sendAgain(messageId: string): Promise<void>;
  /** Drops a refused reply for good. */
  discard(messageId: string): Promise<void>;
  /** Why the last retry or discard did not happen. */
  deliveryError: string | null;
  reset(): void;
}

export type ComposeMode = 'reply' | 'note';

export type ConversationStore = StoreApi<ConversationState>;

export const conversationContext = createStoreContext<ConversationState>('conversation');
export const { useStoreApi: useConversationStore, useSlice: useConversation } = conversationContext;

export interface ConversationStoreOptions {
  /** Told about a conversation the core returned, so the inbox shows it at once. */
  onConversation?: (conversation: Conversation) => void;
  /** The colleagues a note names, who are notified. */
  mentionsIn?: (body: string) => string[];
  /** The files uploaded for a reply to the conversation, sent with it. */
  attachmentsFor?: (conversationId: string) => MessageAttachment[];
  /** Told once a reply took its files. */
  attachmentsSent?: (conversationId: string) => void;
  /** An email reply's subject, CC, BCC and quote; 'invalid' while the agent has to fix them. */
  emailFor?: (conversationId: string) => EmailReply | undefined | 'invalid';
  /** Told once a reply took its email fields. */
  emailSent?: (conversationId: string) => void;
  /** What the reply checks say of this reply (overrides, rules shown); sent with it, then cleared by `checksSent`. */
  checksFor?: (conversationId: string) => { overrides: string[]; shown: string[] } | undefined;
  checksSent?: (conversationId: string) => void;
  /** A resolution waits on the desk for `undoWindowMs`, to be taken back. */
  onResolveHeld?: (conversation: Conversation, undoWindowMs: number) => void;
}

const CLOSED = {
  conversationId: null,
  conversation: null,
  messages: [],
  olderCursor: null,
  loading: false,
  loadingOlder: false,
  error: null,
  sending: false,
  sendError: null,
  statusError: null,
  deliveryError: null,
  composeMode: 'reply' as ComposeMode,
};

export function createConversationStore(client: ApiClient, options: ConversationStoreOptions = {}): ConversationStore {
  // Bumped when another conversation opens, so late answers for the previous one are dropped.
  let generation = 0;
  // Reads may answer out of order; an older read never overwrites a newer one.
  let readsIssued = 0;
  let readApplied = 0;

  return createStore<ConversationState>()((set, get) => {
    async function readNewest(): Promise<void> {
      const { conversationId } = get();
      if (!conversationId) return;
      const asked = generation;
      const ticket = ++readsIssued;
      const result = await client.call('conversations.get', { conversationId, before: null, limit: THREAD_PAGE });
      if (asked !== generation || ticket < readApplied) return;
      readApplied = ticket;
      if (!result.ok) {
        // Gone from the cache (erased at the customer's request): nothing of it may stay on screen.
        if (result.error.code === 'not_found') set({ ...CLOSED, error: result.error.message });
        else set({ loading: false, error: result.error.message });
        return;
      }
      const { messages, olderCursor } = get();
      const merged = mergeNewestPage({ messages, olderCursor }, { messages: result.value.messages, olderCursor: result.value.olderCursor });
      set({ ...merged, conversation: result.value.conversation, loading: false, error: null });
    }

    return {
      ...CLOSED,
      drafts: {},

      async open(conversationId) {
        if (conversationId === get().conversationId) return;
        generation += 1;
        set({ ...CLOSED, conversationId, loading: conversationId !== null });
        // Not queued behind a refresh of the previous conversation: j-j-j must stay quick.
        await readNewest();
      },

      refresh: coalesced(readNewest),

      async loadOlder() {
        const { conversationId, olderCursor, loadingOlder } = get();
        if (!conversationId || !olderCursor || loadingOlder) return;
        const asked = generation;
        set({ loadingOlder: true });
        const result = await client.call('conversations.get', { conversationId, before: olderCursor, limit: THREAD_PAGE });
        if (asked !== generation) return;
        if (!result.ok) {
          set({ loadingOlder: false, error: result.error.message });
          return;
        }
        // A refresh that replaced the thread meanwhile makes this page meaningless.
        if (get().olderCursor !== olderCursor) {
          set({ loadingOlder: false });
          return;
        }
        const shown = new Set(get().messages.map((m) => m.id));
        const older = result.value.messages.filter((m) => !shown.has(m.id));
        set({ loadingOlder: false, messages: [...older, ...get().messages], olderCursor: result.value.olderCursor });
      },

      setDraft(conversationId, text) {
        set({ drafts: { ...get().drafts, [conversationId]: text } });
      },

      async send(translated) {
        const { conversationId, drafts, sending, composeMode } = get();
        const draft = conversationId ? (drafts[conversationId] ?? '') : '';
        const files = conversationId && composeMode === 'reply' ? (options.attachmentsFor?.(conversationId) ?? []) : [];
        // Files alone go under their names: a message is never empty.
        const body = draft.trim() === '' && files.length > 0 ? files.map((f) => f.name).join(', ') : draft;
        if (!conversationId || sending || body.trim() === '') return false;
        // Only a reply to a mail carries a subject and copies; any other channel's reply has none to check.
        const email = composeMode === 'reply' && get().conversation?.channel === 'email' ? options.emailFor?.(conversationId) : undefined;
        if (email === 'invalid') return false;
        set({ sending: true, sendError: null });
        const checks = composeMode === 'reply' ? options.checksFor?.(conversationId) : undefined;
        const carried = { ...(files.length > 0 ? { attachments: files } : {}), ...(email ? { email } : {}), ...(checks ? { checks } : {}) };
        const result =
          composeMode === 'note'
            ? await client.call('notes.add', { conversationId, body, mentions: options.mentionsIn?.(body) ?? [] })
            : await client.call('conversations.reply', translated
                ? { conversationId, body: translated.body, original: { body, language: translated.language }, ...carried }
                : { conversationId, body, ...carried });
        const stillOpen = get().conversationId === conversationId;
        if (!result.ok) {
          if (stillOpen) set({ sending: false, sendError: result.error.message });
          return false;
        }
        if (files.length > 0) options.attachmentsSent?.(conversationId);
        if (email) options.emailSent?.(conversationId);
        if (checks) options.checksSent?.(conversationId);
        // Keep anything typed while the reply was on its way.
        const current = get().drafts[conversationId];
        if (current === draft) set({ drafts: { ...get().drafts, [conversationId]: '' } });
        if (stillOpen) {
          const { message } = result.value;
          const messages = get().messages.some((m) => m.id === message.id) ? get().messages : [...get().messages, message];
          set({ sending: false, messages });
        }
        return true;
      },

      async answerOffer(conversationId, accept) {
        const result = await client.call(accept ? 'conversations.accept' : 'conversations.decline', { conversationId });
        return result.ok ? null : result.error.message;
      },

      async translate(messageId) {
        const result = await client.call('messages.translate', { messageId });
        const outcome: TranslationOutcome = result.ok ? result.value : { translation: null, unavailable: 'failed', detail: result.error.message };
        const { translation } = outcome;
        if (translation) set({ messages: get().messages.map((m) => (m.id === messageId ? { ...m, translation } : m)) });
        return outcome;
      },

      async emailOriginal(messageId) {
        const result = await client.call('messages.emailOriginal', { messageId });
        return result.ok ? result.value : result.error.message;
      },

      async reveal(request) {
        const result = await client.call('messages.reveal', request);
        return result.ok ? result.value : result.error.message;
      },

      async forwardEmail(messageId, to, body) {
        const { conversationId } = get();
        if (!conversationId) return null;
        const result = await client.call('conversations.reply', { conversationId, body, email: { forward: { messageId, to } } });
        if (!result.ok) return result.error.message;
        const { message } = result.value;
        if (get().conversationId === conversationId && !get().messages.some((m) => m.id === message.id)) set({ messages: [...get().messages, message] });
        return null;
      },

      async emailImages(urls) {
        const result = await client.call('messages.emailImages', { urls });
        return result.ok ? result.value.images : {};
      },

      failSend(message) {
        set({ sending: false, sendError: message });
      },

      setComposeMode(mode) {
        set({ composeMode: mode });
      },

      async claim() {
        const { conversationId } = get();
        if (!conversationId) return;
        set({ statusError: null });
        const result = await client.call('conversations.claim', { conversationId });
        if (!result.ok) {
          if (get().conversationId === conversationId) set({ statusError: result.error.message });
          return;
        }
        if (get().conversationId === conversationId) set({ conversation: result.value.conversation });
        options.onConversation?.(result.value.conversation);
      },

      async setLabels(labels) {
        const { conversationId } = get();
        if (!conversationId) return;
        set({ statusError: null });
        const result = await client.call('conversations.setLabels', { conversationId, labels });
        if (!result.ok) {
          if (get().conversationId === conversationId) set({ statusError: result.error.message });
          return;
        }
        if (get().conversationId === conversationId) set({ conversation: result.value.conversation });
        options.onConversation?.(result.value.conversation);
      },

      async setStatus(status) {
        const { conversationId } = get();
        if (!conversationId) return;
        set({ statusError: null });
        const result = await client.call('conversations.setStatus', { conversationId, status });
        if (!result.ok) {
          if (get().conversationId === conversationId) set({ statusError: result.error.message });
          return;
        }
        const { conversation, undoWindowMs } = result.value;
        if (get().conversationId === conversationId) set({ conversation });
        options.onConversation?.(conversation);
        if (undoWindowMs) options.onResolveHeld?.(conversation, undoWindowMs);
      },

      async retry(messageId) {
        set({ deliveryError: null });
        const result = await client.call('messages.retry', { messageId });
        if (!result.ok) return set({ deliveryError: result.error.message });
        const { message } = result.value;
        set({ messages: get().messages.map((m) => (m.id === message.id ? message : m)) });
      },

      async sendAgain(messageId) {
        set({ deliveryError: null });
        const result = await client.call('messages.sendAgain', { messageId });
        if (!result.ok) return set({ deliveryError: result.error.message });
        const { message } = result.value;
        if (!get().messages.some((m) => m.id === message.id)) set({ messages: [...get().messages, message] });
      },

      async discard(messageId) {
        set({ deliveryError: null });
        const result = await client.call('messages.discard', { messageId });
        if (!result.ok) return set({ deliveryError: result.error.message });
        set({ messages: get().messages.filter((m) => m.id !== messageId) });
      },

      reset() {
        generation += 1;
        set({ ...CLOSED, drafts: {} });
      },
    };
  });
}

interface ThreadPage {
  messages: LocalMessage[];
  olderCursor: string | null;
}

/**
 * Puts the newest page over what is shown. Older pages the user scrolled to stay, and so do
 * messages after the page (a reply that landed while the page was on its way). With no
 * overlap there may be a gap, so the page replaces the thread.
 */
export function mergeNewestPage(shown: ThreadPage, newest: ThreadPage): ThreadPage {
  const inPage = new Set(newest.messages.map((m) => m.id));
  const first = shown.messages.findIndex((m) => inPage.has(m.id));
  if (first < 0) return newest;
  let last = first;
  shown.messages.forEach((m, index) => {
    if (inPage.has(m.id)) last = index;
  });
  const older = shown.messages.slice(0, first);
  const after = shown.messages.slice(last + 1);
  return {
    messages: [...older, ...newest.messages, ...after],
    olderCursor: older.length > 0 ? shown.olderCursor : newest.olderCursor,
  };
}
