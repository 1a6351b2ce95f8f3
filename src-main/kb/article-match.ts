import type { Article } from '../../src-shared/domain/model.js';
import { baseLanguage } from '../ai/translation-routes.js';

/** Where a search term was found in an article; a title or tag says more about it than its body. */
export type MatchField = 'title' | 'tag' | 'body';

const FIELD_WEIGHT: Record<MatchField, number> = { title: 3, tag: 3, body: 1 };
const MAX_TERMS = 16;

/** Scripts written without spaces between words: a word is matched anywhere inside the text. */
const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{M}\u30FC]+$/u;
/** Hiragana alone and this short is a particle or an ending (を, の, ので), not a subject. */
const PARTICLE = /^[\p{Script=Hiragana}\u30FC]{1,2}$/u;
const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

export interface SearchTerm {
  text: string;
  /** Two neighbouring words of an unspaced script ("ที่" + "อยู่" = "address"): a bonus when found, not required. */
  joined: boolean;
}

/** NFKC takes Thai and Lao SARA AM apart (ำ → ํา), and the word segmenter then cuts words in two. */
const SARA_AM = /\u0E4D\u0E32|\u0ECD\u0EB2/g;

/** Folded as both the question and the articles are compared: compatibility forms (full-width letters, half-width kana) and case. */
export function folded(text: string): string {
  return text
    .normalize('NFKC')
    .replace(SARA_AM, (pair) => (pair === '\u0E4D\u0E32' ? '\u0E33' : '\u0EB3'))
    .toLocaleLowerCase();
}

/**
 * The words of a question, in any script: Intl.Segmenter cuts Thai, Chinese and Japanese at word
 * boundaries with its dictionaries; neighbouring words there are also joined, because the
 * dictionary cuts some compounds (ที่อยู่, "address") into common words.
 */
export function searchTermsOf(query: string): SearchTerm[] {
  const segments = [...wordSegmenter.segment(folded(query))].filter((segment) => segment.isWordLike);
  const single = new Set<string>();
  const joined = new Set<string>();
  segments.forEach((segment, index) => {
    if (meaningful(segment.segment)) single.add(segment.segment);
    const next = segments[index + 1];
    if (next && next.index === segment.index + segment.segment.length && UNSPACED.test(segment.segment) && UNSPACED.test(next.segment)) joined.add(segment.segment + next.segment);
  });
  const words = [...single].slice(0, MAX_TERMS);
  return [...words.map((text) => ({ text, joined: false })), ...[...joined].filter((text) => !single.has(text)).slice(0, MAX_TERMS).map((text) => ({ text, joined: true }))];
}

function meaningful(word: string): boolean {
  if (UNSPACED.test(word)) return !PARTICLE.test(word);
  return Array.from(word).length >= 2;
}

/** An article as search compares it: each language's title and tags, and the body in the article's language. */
interface Variant {
  locale: string;
  title: string;
  tags: string[];
}

export interface ArticleMatch {
  article: Article;
  score: number;
  /** The language of the title, tags or body that matched best. */
  language: string;
  field: MatchField;
  /** The words found, as they were searched (folded): what the panel marks. */
  terms: string[];
}

/** How rare a term is among `total` articles: a word in every article tells little, a word in none nothing. */
export function rarity(documentCount: number, total: number): number {
  return documentCount === 0 ? 0 : Math.log((total + 1) / (documentCount + 0.5));
}

/**
 * How well `article` answers the question: every term counts once, where it weighs most (a title
 * or tag in any of the article's languages, else its body), times its rarity. Null when it holds
 * no word of the question that any article holds.
 */
export function matchArticle(article: Article, terms: readonly SearchTerm[], weights: ReadonlyMap<string, number>): ArticleMatch | null {
  const variants: Variant[] = [{ locale: article.locale, title: folded(article.title), tags: article.tags.map(folded) }];
  for (const entry of article.titles) variants.push({ locale: entry.locale, title: folded(entry.title), tags: entry.tags.map(folded) });
  const body = folded(article.body);
  let score = 0;
  const byLanguage = new Map<string, { score: number; field: MatchField }>();
  const matched: string[] = [];
  for (const term of terms) {
    const weight = weights.get(term.text) ?? 0;
    const where = bestPlace(term.text, variants, body, article.locale);
    if (!where) continue;
    matched.push(term.text);
    const points = weight * FIELD_WEIGHT[where.field];
    score += points;
    const known = byLanguage.get(where.locale);
    byLanguage.set(where.locale, { score: (known?.score ?? 0) + points, field: known && FIELD_WEIGHT[known.field] >= FIELD_WEIGHT[where.field] ? known.field : where.field });
  }
  if (score === 0) return null;
  const [language, best] = [...byLanguage.entries()].sort((a, b) => b[1].score - a[1].score)[0]!;
  return { article, score, language, field: best.field, terms: matched };
}

function bestPlace(term: string, variants: readonly Variant[], body: string, locale: string): { field: MatchField; locale: string } | null {
  for (const variant of variants) if (contains(variant.title, term)) return { field: 'title', locale: variant.locale };
  for (const variant of variants) if (variant.tags.some((tag) => contains(tag, term))) return { field: 'tag', locale: variant.locale };
  return contains(body, term) ? { field: 'body', locale } : null;
}

/** Unspaced scripts anywhere; others at the start of a word, so "address" finds "addresses" but "la" not "delay". */
function contains(text: string, term: string): boolean {
  if (UNSPACED.test(term)) return text.includes(term);
  let at = text.indexOf(term);
  while (at >= 0) {
    if (at === 0 || !/[\p{L}\p{N}\p{M}]/u.test(text[at - 1]!)) return true;
    at = text.indexOf(term, at + 1);
  }
  return false;
}

/** The title to show an agent: in their language when the article has one, else its own. */
export function titleFor(article: Pick<Article, 'title' | 'locale' | 'titles'>, language: string | null): string {
  if (!language || baseLanguage(article.locale) === baseLanguage(language)) return article.title;
  return article.titles.find((entry) => baseLanguage(entry.locale) === baseLanguage(language))?.title ?? article.title;
}
