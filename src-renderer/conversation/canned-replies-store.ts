import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CannedReplyChoice } from '../../src-shared/api/contract.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

export interface CannedRepliesState {
  /** What follows "/" in the draft, or null when the list is closed. */
  query: string | null;
  choices: CannedReplyChoice[];
  active: number;
  /** The draft changed: open, narrow or close the list. */
  draftChanged(conversationId: string, draft: string): Promise<void>;
  move(step: 1 | -1): void;
  /** The highlighted reply, and the list closes. */
  take(): CannedReplyChoice | null;
  close(): void;
}

export type CannedRepliesStore = StoreApi<CannedRepliesState>;

export const cannedRepliesContext = createStoreContext<CannedRepliesState>('canned replies');
export const { useStoreApi: useCannedRepliesStore, useSlice: useCannedReplies } = cannedRepliesContext;

/** "/ref" → "ref"; anything else (text, a space after the shortcut) is not a shortcut. */
export function shortcutQuery(draft: string): string | null {
  return /^\/([a-z0-9-]*)$/i.exec(draft)?.[1]?.toLowerCase() ?? null;
}

/** The canned replies offered while the agent types "/shortcut" in the composer. */
export function createCannedRepliesStore(client: ApiClient): CannedRepliesStore {
  let asked = 0;
  return createStore<CannedRepliesState>()((set, get) => ({
    query: null,
    choices: [],
    active: 0,

    async draftChanged(conversationId, draft) {
      const query = shortcutQuery(draft);
      const ticket = ++asked;
      if (query === null) return set({ query: null, choices: [], active: 0 });
      set({ query });
      const result = await client.call('kb.cannedReplies', { conversationId, query });
      if (ticket !== asked) return;
      set({ choices: result.ok ? result.value.replies : [], active: 0 });
    },

    move(step) {
      const { choices, active } = get();
      if (choices.length > 0) set({ active: (active + step + choices.length) % choices.length });
    },

    take() {
      const choice = get().choices[get().active] ?? null;
      get().close();
      return choice;
    },

    close() {
      asked += 1;
      set({ query: null, choices: [], active: 0 });
    },
  }));
}
