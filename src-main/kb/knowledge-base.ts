import type { ArticleHit, LocalConversation } from '../../src-shared/api/contract.js';
import type { Agent, Article } from '../../src-shared/domain/model.js';
import { baseLanguage } from '../ai/translation-routes.js';
import type { Cache } from '../store/cache.js';
import { snippetOf } from '../store/search-terms.js';

const SUGGESTIONS = 5;

/** Searching and suggesting from the cached knowledge base; works offline. */
export class KnowledgeBase {
  constructor(private readonly cache: Cache) {}

  search(query: string, limit: number): ArticleHit[] {
    const words = query.split(/\s+/u).filter(Boolean);
    return this.cache.articles.search(query, limit).map(({ article }) => hitOf(article, snippetOf(plainText(article.body), words)));
  }

  /** For the conversation's intent: articles for its market before general ones, the agent's language first. */
  suggestions(conversation: LocalConversation, agent: Agent): ArticleHit[] {
    const intent = conversation.insight?.intent;
    if (!intent) return [];
    const market = conversation.market?.toUpperCase() ?? null;
    const language = baseLanguage(agent.language);
    const fit = (article: Article) =>
      (market && article.markets.includes(market) ? 0 : article.markets.length === 0 ? 1 : 3) + (baseLanguage(article.locale) === language ? 0 : 1);
    return this.cache.articles
      .forIntent(intent, 50)
      .filter((article) => article.markets.length === 0 || (market !== null && article.markets.includes(market)))
      .sort((a, b) => fit(a) - fit(b))
      .slice(0, SUGGESTIONS)
      .map((article) => hitOf(article, snippetOf(plainText(article.body), [])));
  }

  article(id: string): Article | undefined {
    return this.cache.articles.get(id);
  }
}

function hitOf(article: Article, snippet: string): ArticleHit {
  const { body: _body, ...summary } = article;
  return { article: summary, snippet };
}

/** Markdown to text for snippets: the marks are noise in a one-line preview. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]+/g, '')
    .replace(/^\s*(?:[-+]|\d+\.)\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}
