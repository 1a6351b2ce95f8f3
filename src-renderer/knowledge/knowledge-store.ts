import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ArticleDraftState, ArticleHit } from '../../src-shared/api/contract.js';
import type { Article, ArticleDraft } from '../../src-shared/domain/model.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

export interface KnowledgeState {
  query: string;
  hits: ArticleHit[];
  /** For the open conversation, from its intent and market. */
  suggestions: ArticleHit[];
  article: Article | null;
  /** The page customers can open, when the article being read is public. */
  articleLink: string | null;
  error: string | null;
  search(query: string): Promise<void>;
  suggest(conversationId: string | null): Promise<void>;
  open(articleId: string): Promise<void>;
  closeArticle(): void;
  /** Articles arrived or changed (a saved edit among them): the one being read is read again. */
  articlesChanged(): Promise<void>;
  /** The article being written: a new one (no id) or a new version of one, and an edit the relay has not taken. */
  editing: { articleId: string | null; baseVersion: number; initial: ArticleDraft; pending: ArticleDraftState | null } | null;
  saveError: string | null;
  startEdit(article: Article | null): Promise<void>;
  saveEdit(draft: ArticleDraft): Promise<boolean>;
  cancelEdit(): void;
}

const EMPTY_DRAFT: ArticleDraft = { title: '', body: '', locale: 'en', markets: [], tags: [], titles: [], intents: [], public: false };

export type KnowledgeStore = StoreApi<KnowledgeState>;

export const knowledgeContext = createStoreContext<KnowledgeState>('knowledge');
export const { useStoreApi: useKnowledgeStore, useSlice: useKnowledge } = knowledgeContext;

/** The knowledge panel beside the conversation: search, suggestions, the article being read. */
export function createKnowledgeStore(client: ApiClient): KnowledgeStore {
  let searches = 0;
  let suggestionsAsked = 0;
  return createStore<KnowledgeState>()((set, get) => ({
    editing: null,
    saveError: null,
    query: '',
    hits: [],
    suggestions: [],
    article: null,
    articleLink: null,
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
      set(result.ok ? { article: result.value.article, articleLink: result.value.link, error: null } : { error: result.error.message });
    },

    closeArticle() {
      set({ article: null });
    },

    async articlesChanged() {
      const { article } = get();
      if (!article) return;
      const result = await client.call('kb.article', { articleId: article.id });
      // Only if it is still the one being read: the agent may have closed it or opened another meanwhile.
      if (result.ok && get().article?.id === article.id) set({ article: result.value.article, articleLink: result.value.link });
    },

    async startEdit(article) {
      const base = article ? { articleId: article.id, baseVersion: article.version, initial: draftOf(article) } : { articleId: null, baseVersion: 0, initial: EMPTY_DRAFT };
      set({ editing: { ...base, pending: null }, saveError: null });
      if (!article) return;
      const result = await client.call('kb.articleDraft', { articleId: article.id });
      // An edit of ours the relay refused or never confirmed comes back, with why.
      const pending = result.ok ? result.value.draft : null;
      if (pending && get().editing?.articleId === article.id) set({ editing: { ...base, initial: pending.draft, pending } });
    },

    async saveEdit(draft) {
      const editing = get().editing;
      if (!editing) return false;
      // Against the version shown now: after a refusal the writer has seen the newer one.
      const result = await client.call('kb.saveArticle', { ...draft, articleId: editing.articleId, baseVersion: editing.baseVersion });
      if (!result.ok) {
        set({ saveError: result.error.message });
        return false;
      }
      set({ editing: null, saveError: null });
      return true;
    },

    cancelEdit() {
      set({ editing: null, saveError: null });
    },
  }));
}

function draftOf(article: Article): ArticleDraft {
  const { title, body, locale, markets, tags, titles, intents } = article;
  return { title, body, locale, markets, tags, titles, intents, public: article.public };
}
