import { graphemesOf, graphemeStartAtOrBefore } from '../../src-shared/domain/text.js';

/**
 * Turns what an agent typed into search terms. Nothing of the input reaches FTS5 as syntax:
 * every term becomes a quoted phrase (quotes doubled), so `NEAR`, `*`, `"`, `AND`, `-` and
 * parentheses are just text to find.
 */

/** The trigram tokenizer cannot match fewer than three characters. */
const TRIGRAM_LENGTH = 3;
const MAX_TERMS = 10;
const SNIPPET_LENGTH = 120;
const SNIPPET_LEAD = 30;

export interface SearchTerms {
  /** Terms of three or more characters, answered by the full-text index. */
  indexed: string[];
  /** Shorter terms, answered by LIKE over the bodies. */
  short: string[];
}

export function parseSearchTerms(query: string): SearchTerms {
  const terms = [...new Set(query.split(/\s+/u).filter((term) => term.length > 0))].slice(0, MAX_TERMS);
  return {
    indexed: terms.filter((term) => codePoints(term).length >= TRIGRAM_LENGTH),
    short: terms.filter((term) => codePoints(term).length < TRIGRAM_LENGTH),
  };
}

/** An FTS5 query that requires every term as a literal substring. */
export function ftsQueryOf(indexed: readonly string[]): string {
  return indexed.map((term) => `"${term.replaceAll('"', '""')}"`).join(' ');
}

/** A LIKE pattern (with `\` as the escape character) for a literal substring. */
export function likePatternOf(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Plain text around the first term found in the body, whitespace flattened, cut with "…"; lengths
 * count characters as people see them, and no cut splits one (an emoji, a flag, a letter and its marks).
 */
export function snippetOf(body: string, terms: readonly string[]): string {
  const flat = body.replace(/\s+/gu, ' ').trim();
  const chars = graphemesOf(flat);
  const hit = firstHit(flat, terms);
  const start = hit === null ? 0 : Math.max(0, graphemesOf(flat.slice(0, graphemeStartAtOrBefore(flat, hit))).length - SNIPPET_LEAD);
  const end = Math.min(chars.length, start + SNIPPET_LENGTH);
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`;
}

function firstHit(text: string, terms: readonly string[]): number | null {
  const positions = terms
    .map((term) => text.search(new RegExp(escapeRegExp(term), 'iu')))
    .filter((index) => index >= 0);
  return positions.length > 0 ? Math.min(...positions) : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function codePoints(text: string): string[] {
  return Array.from(text);
}
