import { HELP_ARTICLES_PATH } from '../../../src-shared/protocol/help.js';
import type { KnowledgeBase } from '../../kb/knowledge-base.js';
import type { ServiceTools } from '../../kb/service-tools.js';
import { relayHttpAddress } from '../../sync/relay-address.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import { recordArticleEdit } from '../../sync/mutations/article-edits.js';
import type { CoreParts } from './core-parts.js';

export type KnowledgeHandlers = NamespaceHandlers<'kb'>;

interface Knowledge {
  base: KnowledgeBase;
  /** Regional notes and canned replies; absent, both lists are empty. */
  tools: ServiceTools | null;
}

/** What the agent may know while answering: articles, regional service notes and canned replies. */
export function knowledgeHandlers(parts: CoreParts, { base, tools }: Knowledge): KnowledgeHandlers {
  const { guards } = parts;
  return {
    'kb.regionalNotes': async (params) => {
      guards.requireAgent();
      const conversation = guards.requireShownConversation(params.conversationId);
      return { notes: tools?.regionalNotes(conversation) ?? [] };
    },
    'kb.dismissRegionalNote': async (params) => {
      guards.requireAgent();
      const conversation = guards.requireShownConversation(params.conversationId);
      return { notes: tools?.dismiss(conversation, params.noteId) ?? [] };
    },
    'kb.cannedReplies': async (params) => {
      const agent = guards.requireAgent();
      const conversation = guards.requireShownConversation(params.conversationId);
      return { replies: tools?.cannedReplies(conversation, agent, params.query) ?? [] };
    },
    'kb.search': async (params) => {
      const agent = guards.requireAgent();
      return { hits: await base.search(params.query, params.limit, agent.language) };
    },
    'kb.suggestions': async (params) => {
      const agent = guards.requireAgent();
      return { hits: base.suggestions(guards.requireShownConversation(params.conversationId), agent) };
    },
    'kb.article': async (params) => {
      guards.requireAgent();
      const article = base.article(params.articleId);
      if (!article) throw new ApiFailure('not_found', `There is no article ${params.articleId} on this workstation.`);
      const link = article.public ? relayHttpAddress(parts.relayUrl, `${HELP_ARTICLES_PATH}/${encodeURIComponent(article.id)}`) : null;
      return { article, link };
    },
    ...articleEditHandlers(parts),
  };
}

/** Supervisors' article edits, through the outbox; the draft stays here until the relay confirms or refuses it. */
function articleEditHandlers({ cache, sync, events, guards }: CoreParts): Pick<KnowledgeHandlers, 'kb.saveArticle' | 'kb.articleDraft' | 'kb.discardArticleDraft'> {
  return {
    'kb.saveArticle': async (params) => {
      guards.requireRole('supervisor', 'Only supervisors and administrators edit the knowledge base.');
      const articleId = recordArticleEdit(cache, params, Date.now());
      events.emit('articles.changed', {});
      sync.outboxChanged();
      return { articleId };
    },
    'kb.articleDraft': async (params) => {
      guards.requireAgent();
      const stored = cache.articleDrafts.get(params.articleId);
      return { draft: stored ? { baseVersion: stored.baseVersion, draft: stored.draft, state: stored.state, reason: stored.reason } : null };
    },
    'kb.discardArticleDraft': async (params) => {
      guards.requireAgent();
      cache.articleDrafts.discard(params.articleId);
      events.emit('articles.changed', {});
      return {};
    },
  };
}
