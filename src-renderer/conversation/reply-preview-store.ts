import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TranslationOutcome } from '../../src-shared/api/contract.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

/** How long typing must pause before the draft is translated again. */
export const PREVIEW_DELAY_MS = 350;

export interface ReplyPreviewState {
  conversationId: string | null;
  /** The draft the preview was made from. */
  source: string;
  /** What the customer will receive; the agent may have edited it. */
  body: string;
  edited: boolean;
  status: 'idle' | 'translating' | 'ready' | 'unavailable';
  outcome: TranslationOutcome | null;
  /** The draft changed: translate it again after a pause in typing. */
  draftChanged(conversationId: string, draft: string): void;
  /** The agent corrected the translation by hand; kept until the draft changes. */
  edit(body: string): void;
  /**
   * What to send for this draft: the preview as shown (edited or not) when it is of this very
   * draft, else a translation made now. `body` is null when there is none; `outcome` null when
   * the draft changed meanwhile.
   */
  finalFor(conversationId: string, draft: string): Promise<{ body: string | null; outcome: TranslationOutcome | null }>;
  reset(): void;
}

export type ReplyPreviewStore = StoreApi<ReplyPreviewState>;

export const replyPreviewContext = createStoreContext<ReplyPreviewState>('reply preview');
export const { useStoreApi: useReplyPreviewStore, useSlice: useReplyPreview } = replyPreviewContext;

const EMPTY = { conversationId: null, source: '', body: '', edited: false, status: 'idle' as const, outcome: null };

export function createReplyPreviewStore(client: ApiClient, delayMs = PREVIEW_DELAY_MS): ReplyPreviewStore {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let asked = 0;

  return createStore<ReplyPreviewState>()((set, get) => {
    async function translate(conversationId: string, draft: string): Promise<TranslationOutcome | null> {
      const ticket = ++asked;
      set({ status: 'translating' });
      const result = await client.call('translation.preview', { conversationId, text: draft });
      // A newer draft, or another conversation, made this answer stale.
      if (ticket !== asked || get().conversationId !== conversationId) return null;
      const outcome: TranslationOutcome = result.ok
        ? result.value
        : { translation: null, unavailable: 'failed', detail: result.error.message };
      if (outcome.unavailable === 'superseded') return null;
      set({
        source: draft,
        body: outcome.translation?.body ?? '',
        edited: false,
        outcome,
        status: outcome.translation ? 'ready' : 'unavailable',
      });
      return outcome;
    }

    function cancelTimer(): void {
      if (timer) clearTimeout(timer);
      timer = null;
    }

    return {
      ...EMPTY,

      draftChanged(conversationId, draft) {
        cancelTimer();
        if (get().conversationId !== conversationId) set({ ...EMPTY, conversationId });
        if (draft.trim() === '') {
          asked += 1;
          set({ ...EMPTY, conversationId });
          return;
        }
        if (draft === get().source && get().status !== 'idle') return;
        timer = setTimeout(() => {
          timer = null;
          void translate(conversationId, draft);
        }, delayMs);
      },

      edit(body) {
        set({ body, edited: true });
      },

      async finalFor(conversationId, draft) {
        const state = get();
        if (state.conversationId === conversationId && state.source === draft && state.status === 'ready' && state.outcome) {
          return { body: state.body, outcome: state.outcome };
        }
        cancelTimer();
        if (state.conversationId !== conversationId) set({ ...EMPTY, conversationId });
        const outcome = await translate(conversationId, draft);
        return { body: outcome?.translation?.body ?? null, outcome };
      },

      reset() {
        cancelTimer();
        asked += 1;
        set(EMPTY);
      },
    };
  });
}
