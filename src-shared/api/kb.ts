import { z } from 'zod';
import { Article, ArticleDraft, Id } from '../domain/model.js';
import { Empty, PageLimit } from './method-shapes.js';

export const ArticleHit = z.object({
  article: Article.omit({ body: true }),
  /** Plain text around what matched (or the opening of the article). */
  snippet: z.string(),
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
  /** Full-text search over the cached knowledge base, any script; best first. */
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
