import { z } from 'zod';
import { Article, ArticleDraft, Id } from '../domain/model.js';
import { Empty, PageLimit } from './method-shapes.js';

/** Why a search found an article: where, in which language, and the words to mark. */
export const ArticleHitMatch = z.object({
  /** `meaning`: only the sentence vectors found it, no word did. */
  field: z.enum(['title', 'tag', 'body', 'meaning']),
  language: z.string(),
  /** The question was translated into `language` with an installed model, and that matched. */
  translated: z.boolean(),
  /** The words found, lower-cased; marked as text in the panel, never as HTML. */
  terms: z.array(z.string()),
  /** The article's title in `language`, when the words matched there and the agent is shown another. */
  title: z.string().nullable(),
});
export type ArticleHitMatch = z.infer<typeof ArticleHitMatch>;

export const ArticleHit = z.object({
  article: Article.omit({ body: true }),
  /** The title in the agent's language when the article has one, else its own. */
  title: z.string(),
  /** Plain text around what matched (or the opening of the article). */
  snippet: z.string(),
  /** For search results; null for suggestions. */
  match: ArticleHitMatch.nullable(),
});
export type ArticleHit = z.infer<typeof ArticleHit>;

export const ArticleDraftState = z.object({
  baseVersion: z.number().int().nonnegative(),
  draft: ArticleDraft,
  state: z.enum(['pending', 'refused', 'unconfirmed']),
  reason: z.string().nullable(),
});
export type ArticleDraftState = z.infer<typeof ArticleDraftState>;

export const RegionalNote = z.object({ id: z.string(), title: z.string(), body: z.string() });
export type RegionalNote = z.infer<typeof RegionalNote>;

export const CannedReplyChoice = z.object({
  id: z.string(),
  shortcut: z.string(),
  locale: z.string(),
  title: z.string(),
  /** With the conversation's values filled in. */
  body: z.string(),
});
export type CannedReplyChoice = z.infer<typeof CannedReplyChoice>;

export const kbMethods = {
  /** Service rules for the conversation's market and intent, less the ones the agent dismissed here. */
  'kb.regionalNotes': {
    input: z.object({ conversationId: Id }).strict(),
    output: z.object({ notes: z.array(RegionalNote) }),
  },
  'kb.dismissRegionalNote': {
    input: z.object({ conversationId: Id, noteId: z.string().min(1).max(100) }).strict(),
    output: z.object({ notes: z.array(RegionalNote) }),
  },
  /** Canned replies whose shortcut starts with `query` (typed after "/"), filled in for the conversation. */
  'kb.cannedReplies': {
    input: z.object({ conversationId: Id, query: z.string().max(50) }).strict(),
    output: z.object({ replies: z.array(CannedReplyChoice) }),
  },
  /**
   * The cached knowledge base by words in any script (titles and tags in every language the
   * article has, then bodies), by the question translated when a pair model is installed, and by
   * meaning with the embedding model; best first.
   */
  'kb.search': {
    input: z.object({ query: z.string().trim().min(1).max(200), limit: PageLimit.default(10) }).strict(),
    output: z.object({ hits: z.array(ArticleHit) }),
  },
  /** Articles for the open conversation: its intent, its market first, then the agent's language. */
  'kb.suggestions': {
    input: z.object({ conversationId: Id }).strict(),
    output: z.object({ hits: z.array(ArticleHit) }),
  },
  'kb.article': {
    input: z.object({ articleId: Id }).strict(),
    /** `link`: the page customers can open, for public articles. */
    output: z.object({ article: Article, link: z.string().url().nullable() }),
  },
  /** Supervisors and admins: a new article (no id) or a new version of one; the relay confirms or refuses. */
  'kb.saveArticle': {
    input: ArticleDraft.extend({ articleId: Id.nullish(), baseVersion: z.number().int().nonnegative() }).strict(),
    output: z.object({ articleId: Id }),
  },
  /** This workstation's edit of an article that the relay has not confirmed, or refused. */
  'kb.articleDraft': {
    input: z.object({ articleId: Id }).strict(),
    output: z.object({ draft: ArticleDraftState.nullable() }),
  },
  'kb.discardArticleDraft': { input: z.object({ articleId: Id }).strict(), output: Empty },
} as const;

/** The knowledge base's articles: the only event of the `articles` namespace. */
export const articlesEvents = {
  /** Knowledge-base articles arrived or changed. */
  'articles.changed': z.object({}),
} as const;
