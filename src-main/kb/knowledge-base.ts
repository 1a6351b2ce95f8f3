import type { ArticleHit, ArticleHitMatch, LocalConversation } from '../../src-shared/api/contract.js';
import type { Agent, Article } from '../../src-shared/domain/model.js';
import { baseLanguage } from '../ai/translation-routes.js';
import type { Cache } from '../store/cache.js';
import { snippetOf } from '../store/search-terms.js';
import { matchArticle, rarity, searchTermsOf, titleFor, type ArticleMatch } from './article-match.js';
import type { ArticleVectors } from './article-vectors.js';
import { QueryTranslation, type QueryTranslator } from './query-translation.js';

const SUGGESTIONS = 5;
/** Reciprocal rank fusion's damping: ranks matter, raw scores of the two searches are not comparable. */
const RRF_K = 60;
/** Each search contributes this many candidates to the merged ranking. */
const CANDIDATES = 50;
/** Article ids looked up per search term; a term in more is common enough to tell little anyway. */
const PER_TERM = 400;
/** Articles read and weighed field by field, those holding the most of the question's rarest words. */
const WEIGHED = 2 * CANDIDATES;
/**
 * Word matches scoring below this share of the best one are left out: they share a common word
 * or two with the question, and only push the answer down the list.
 */
const RELATIVE_CUTOFF = 1 / 3;
/** Among equal matches, the article written in the agent's language first. */
const OWN_LANGUAGE_WEIGHT = 1.1;
/** A match through a machine translation of the question counts a little less than the agent's own words. */
const TRANSLATED_WEIGHT = 0.8;

/** A word match with whether it came through a translation of the question. */
type WordMatch = ArticleMatch & { translated: boolean };

/** Searching and suggesting from the cached knowledge base; works offline. */
export class KnowledgeBase {
  private readonly translation: QueryTranslation | null;

  constructor(
    private readonly cache: Cache,
    private readonly vectors: ArticleVectors | null,
    translator: QueryTranslator | null = null,
  ) {
    this.translation = translator && new QueryTranslation(translator);
  }

  /**
   * Words, translated words and meaning, in one ranking (reciprocal rank fusion): words find the
   * exact terms in any script and in every language's title and tags, a translation of the question
   * finds articles written in another language, the sentence vectors find other words.
   */
  async search(query: string, limit: number, agentLanguage: string | null = null): Promise<ArticleHit[]> {
    const [translations, byMeaning] = await Promise.all([
      this.translation ? this.translation.translations(query, agentLanguage, this.cache.articles.locales()) : [],
      this.vectors ? this.vectors.rank(query, CANDIDATES) : [],
    ]);
    const byWords = new Map<string, WordMatch>();
    const keep = (found: WordMatch) => {
      const own = agentLanguage !== null && baseLanguage(found.article.locale) === baseLanguage(agentLanguage);
      const match = own ? { ...found, score: found.score * OWN_LANGUAGE_WEIGHT } : found;
      const known = byWords.get(match.article.id);
      if (!known || match.score > known.score) byWords.set(match.article.id, match);
    };
    for (const match of this.matchWords(query)) keep({ ...match, translated: false });
    for (const { language, text } of translations) {
      for (const match of this.matchWords(text)) if (baseLanguage(match.language) === language) keep({ ...match, score: match.score * TRANSLATED_WEIGHT, translated: true });
    }
    const ranked = [...byWords.values()].sort((a, b) => b.score - a.score).slice(0, CANDIDATES);
    const floor = (ranked[0]?.score ?? 0) * RELATIVE_CUTOFF;
    const wordRanking = ranked.filter((match) => match.score >= floor);
    const fused = new Map<string, number>();
    for (const ranking of [wordRanking.map((match) => match.article.id), byMeaning.map((match) => match.id)]) {
      ranking.forEach((id, rank) => fused.set(id, (fused.get(id) ?? 0) + 1 / (RRF_K + rank + 1)));
    }
    return [...fused.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .flatMap(([id]) => {
        const words = byWords.get(id);
        const article = words?.article ?? this.cache.articles.get(id);
        if (!article) return [];
        const shown = titleFor(article, agentLanguage);
        const matchedTitle = words && words.field !== 'body' ? titleFor(article, words.language) : null;
        const match: ArticleHitMatch = words
          ? { field: words.field, language: words.language, translated: words.translated, terms: words.terms, title: matchedTitle !== shown ? matchedTitle : null }
          : { field: 'meaning', language: article.locale, translated: false, terms: [], title: null };
        return [hitOf(article, agentLanguage, snippetOf(plainText(article.body), match.field === 'body' ? match.terms : []), match)];
      });
  }

  /** Articles holding the question's words, each term weighed by its rarity over the whole knowledge base. */
  private matchWords(query: string): ArticleMatch[] {
    const terms = searchTermsOf(query);
    const total = this.cache.articles.count();
    const weights = new Map<string, number>();
    const held = new Map<string, number>();
    for (const term of terms) {
      const ids = this.cache.articles.containing(term.text, PER_TERM);
      const weight = rarity(ids.length, total);
      weights.set(term.text, weight);
      for (const id of ids) held.set(id, (held.get(id) ?? 0) + weight);
    }
    // Only the articles holding the rarest words are read and weighed field by field.
    const candidates = [...held.entries()].sort((a, b) => b[1] - a[1]).slice(0, WEIGHED).map(([id]) => id);
    return candidates.flatMap((id) => {
      const article = this.cache.articles.get(id);
      const match = article && matchArticle(article, terms, weights);
      return match ? [match] : [];
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
      .map((article) => hitOf(article, agent.language, snippetOf(plainText(article.body), []), null));
  }

  article(id: string): Article | undefined {
    return this.cache.articles.get(id);
  }
}

function hitOf(article: Article, agentLanguage: string | null, snippet: string, match: ArticleHitMatch | null): ArticleHit {
  const { body: _body, ...summary } = article;
  return { article: summary, title: titleFor(article, agentLanguage), snippet, match };
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
