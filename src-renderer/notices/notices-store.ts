import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Notice } from '../../src-shared/api/contract.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

export interface NoticesState {
  /** Newest first, as the core keeps them until dismissed. */
  notices: Notice[];
  error: string | null;
  load(): Promise<void>;
  apply(notices: Notice[]): void;
  dismiss(noticeId: string): Promise<void>;
  reset(): void;
}

export type NoticesStore = StoreApi<NoticesState>;

export const noticesContext = createStoreContext<NoticesState>('notices');
export const { useStoreApi: useNoticesStore, useSlice: useNotices } = noticesContext;

/** What the relay decided against the agent's own changes, until the agent has read it. */
export function createNoticesStore(client: ApiClient): NoticesStore {
  return createStore<NoticesState>()((set, get) => ({
    notices: [],
    error: null,

    async load() {
      const result = await client.call('notices.list', {});
      if (result.ok) set({ notices: result.value.notices, error: null });
      else set({ error: result.error.message });
    },

    apply(notices) {
      set({ notices, error: null });
    },

    async dismiss(noticeId) {
      // Gone at once; the core's notices.changed confirms it.
      set({ notices: get().notices.filter((notice) => notice.id !== noticeId) });
      const result = await client.call('notices.dismiss', { noticeId });
      if (!result.ok) {
        await get().load();
        set({ error: result.error.message });
      }
    },

    reset() {
      set({ notices: [], error: null });
    },
  }));
}
