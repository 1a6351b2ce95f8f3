import type { ArticleHit, LocalConversation } from '../../src-shared/api/contract.js';
import type { Agent, Article } from '../../src-shared/domain/model.js';
import { baseLanguage } from '../ai/translation-routes.js';
import type { Cache } from '../store/cache.js';
import { snippetOf } from '../store/search-terms.js';
import type { ArticleVectors } from './article-vectors.js';

const SUGGESTIONS = 5;
/** Reciprocal rank fusion's damping: ranks matter, raw scores of the two searches are not comparable. */
const RRF_K = 60;
/** Each search contributes this many candidates to the merged ranking. */
const CANDIDATES = 50;

/** Searching and suggesting from the cached knowledge base; works offline. */
export class KnowledgeBase {
  constructor(
    private readonly cache: Cache,
    private readonly vectors: ArticleVectors | null,
  ) {}

  /**
   * Words and meaning, in one ranking (reciprocal rank fusion): full text finds the exact terms
   * in any script, the sentence vectors find articles in other languages or other words.
   */
  async search(query: string, limit: number): Promise<ArticleHit[]> {
    const words = query.split(/\s+/u).filter(Boolean);
    const byWords = this.cache.articles.search(query, CANDIDATES).map((match) => match.article.id);
    const byMeaning = this.vectors ? (await this.vectors.rank(query, CANDIDATES)).map((match) => match.id) : [];
    const fused = new Map<string, number>();
    for (const ranking of [byWords, byMeaning]) ranking.forEach((id, rank) => fused.set(id, (fused.get(id) ?? 0) + 1 / (RRF_K + rank + 1)));
    return [...fused.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .flatMap(([id]) => {
        const article = this.cache.articles.get(id);
        return article ? [hitOf(article, snippetOf(plainText(article.body), words))] : [];
      });
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
