import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ReplyCheckHit } from '../../src-shared/reply-checks/reply-flags.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

/** How long typing must pause before the reply is checked again. */
export const CHECK_DELAY_MS = 250;

export interface CheckedReply {
  draft: string;
  /** The text the customer will get, when the reply is translated. */
  translation: { body: string; language: string } | null;
}

export interface ReplyChecksState {
  conversationId: string | null;
  /** The texts the hits are of. */
  checked: CheckedReply | null;
  hits: ReplyCheckHit[];
  /** Every rule shown while this reply was written: the relay learns which ones the agent fixed. */
  shown: string[];
  /** Warnings the agent chose to send anyway, for this reply. */
  overrides: string[];
  /** The reply changed: check it again after a pause in typing. */
  textChanged(conversationId: string, reply: CheckedReply): void;
  /** Checks this very text now (before sending); the hits, or null when the core could not be asked. */
  checkNow(conversationId: string, reply: CheckedReply): Promise<ReplyCheckHit[] | null>;
  /** "Send anyway" on the warnings shown now. */
  overrideWarnings(): void;
  /** What `conversations.reply` carries about the checks. */
  sendingChecks(): { overrides: string[]; shown: string[] };
  /** The reply went, or another conversation opened: start over. */
  reset(): void;
}

export type ReplyChecksStore = StoreApi<ReplyChecksState>;

export const replyChecksContext = createStoreContext<ReplyChecksState>('reply checks');
export const { useStoreApi: useReplyChecksStore, useSlice: useReplyChecks } = replyChecksContext;

const EMPTY = { conversationId: null, checked: null, hits: [], shown: [], overrides: [] };

/** Sending is held while a block shows, or a warning the agent has not chosen to override. */
export function holdsSending(hits: readonly ReplyCheckHit[], overrides: readonly string[]): 'block' | 'warn' | null {
  if (hits.some((hit) => hit.action === 'block')) return 'block';
  return hits.some((hit) => hit.action === 'warn' && !overrides.includes(hit.ruleId)) ? 'warn' : null;
}

export function createReplyChecksStore(client: ApiClient, delayMs = CHECK_DELAY_MS): ReplyChecksStore {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let asked = 0;

  return createStore<ReplyChecksState>()((set, get) => {
    async function check(conversationId: string, reply: CheckedReply): Promise<ReplyCheckHit[] | null> {
      const ticket = ++asked;
      const result = await client.call('replies.check', { conversationId, draft: reply.draft, translation: reply.translation });
      // A newer text, or another conversation, made this answer stale.
      if (ticket !== asked || get().conversationId !== conversationId || !result.ok) return result.ok ? result.value.hits : null;
      const hits = result.value.hits;
      set({ checked: reply, hits, shown: [...new Set([...get().shown, ...hits.map((hit) => hit.ruleId)])] });
      return hits;
    }

    function cancelTimer(): void {
      if (timer) clearTimeout(timer);
      timer = null;
    }

    return {
      ...EMPTY,

      textChanged(conversationId, reply) {
        cancelTimer();
        if (get().conversationId !== conversationId) set({ ...EMPTY, conversationId });
        if (reply.draft.trim() === '' && !reply.translation?.body.trim()) {
          asked += 1;
          set({ checked: null, hits: [] });
          return;
        }
        timer = setTimeout(() => {
          timer = null;
          void check(conversationId, reply);
        }, delayMs);
      },

      async checkNow(conversationId, reply) {
        cancelTimer();
        if (get().conversationId !== conversationId) set({ ...EMPTY, conversationId });
        return check(conversationId, reply);
      },

      overrideWarnings() {
        const warned = get().hits.filter((hit) => hit.action === 'warn').map((hit) => hit.ruleId);
        set({ overrides: [...new Set([...get().overrides, ...warned])] });
      },

      sendingChecks() {
        return { overrides: get().overrides, shown: get().shown };
      },

      reset() {
        cancelTimer();
        asked += 1;
        set(EMPTY);
      },
    };
  });
}
