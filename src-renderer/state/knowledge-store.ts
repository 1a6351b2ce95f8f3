import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ArticleHit } from '../../src-shared/api/contract.js';
import type { Article } from '../../src-shared/domain/model.js';
import type { ApiClient } from './api-client.js';

export interface KnowledgeState {
  query: string;
  hits: ArticleHit[];
  /** For the open conversation, from its intent and market. */
  suggestions: ArticleHit[];
  article: Article | null;
  error: string | null;
  search(query: string): Promise<void>;
  suggest(conversationId: string | null): Promise<void>;
  open(articleId: string): Promise<void>;
  closeArticle(): void;
}

export type KnowledgeStore = StoreApi<KnowledgeState>;

/** The knowledge panel beside the conversation: search, suggestions, the article being read. */
export function createKnowledgeStore(client: ApiClient): KnowledgeStore {
  let searches = 0;
  let suggestionsAsked = 0;
  return createStore<KnowledgeState>()((set) => ({
    query: '',
    hits: [],
    suggestions: [],
    article: null,
    error: null,

    async search(query) {
      const ticket = ++searches;
      // A new search leaves the article being read.
      set({ query, article: null });
      if (query.trim() === '') return set({ hits: [], error: null });
      const result = await client.call('kb.search', { query, limit: 10 });
      if (ticket !== searches) return;
      set(result.ok ? { hits: result.value.hits, error: null } : { hits: [], error: result.error.message });
    },

    async suggest(conversationId) {
      const ticket = ++suggestionsAsked;
      set({ article: null });
      if (!conversationId) return set({ suggestions: [] });
      const result = await client.call('kb.suggestions', { conversationId });
      if (ticket === suggestionsAsked) set({ suggestions: result.ok ? result.value.hits : [] });
    },

    async open(articleId) {
      const result = await client.call('kb.article', { articleId });
      set(result.ok ? { article: result.value.article, error: null } : { error: result.error.message });
    },

    closeArticle() {
      set({ article: null });
    },
  }));
}
