import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodOutput } from '../../src-shared/api/contract.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

export type SearchHit = MethodOutput<'messages.search'>['hits'][number];

export const SEARCH_LIMIT = 20;

export interface SearchState {
  /** The query the hits belong to; empty when no search is shown. */
  query: string;
  hits: SearchHit[];
  searching: boolean;
  error: string | null;
  search(query: string): Promise<void>;
  clear(): void;
}

export type SearchStore = StoreApi<SearchState>;

export const searchContext = createStoreContext<SearchState>('search');
export const { useStoreApi: useSearchStore, useSlice: useSearch } = searchContext;

export function createSearchStore(client: ApiClient): SearchStore {
  // Typing fires searches faster than they answer; only the latest one may show.
  let latest = 0;

  return createStore<SearchState>()((set) => ({
    query: '',
    hits: [],
    searching: false,
    error: null,

    async search(query) {
      const asked = ++latest;
      const trimmed = query.trim();
      if (trimmed === '') {
        set({ query: '', hits: [], searching: false, error: null });
        return;
      }
      set({ query: trimmed, searching: true });
      const result = await client.call('messages.search', { query: trimmed, limit: SEARCH_LIMIT });
      if (asked !== latest) return;
      if (result.ok) set({ hits: result.value.hits, searching: false, error: null });
      else set({ hits: [], searching: false, error: result.error.message });
    },

    clear() {
      latest += 1;
      set({ query: '', hits: [], searching: false, error: null });
    },
  }));
}
