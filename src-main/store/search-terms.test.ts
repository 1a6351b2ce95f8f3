import { describe, expect, it } from 'vitest';
import { ftsQueryOf, likePatternOf, parseSearchTerms, snippetOf } from './search-terms.js';

describe('search terms', () => {
  it('splits on whitespace, drops duplicates and sorts terms by whether the trigram index can answer them', () => {
    expect(parseSearchTerms('  Rechnung 订单  ab Rechnung ที่อยู่ ')).toEqual({ indexed: ['Rechnung', 'ที่อยู่'], short: ['订单', 'ab'] });
  });

  it('quotes every term so FTS syntax is only text', () => {
    expect(ftsQueryOf(['NEAR(a', 'say "hi"', '*x*'])).toBe('"NEAR(a" "say ""hi""" "*x*"');
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(likePatternOf('5%_\\')).toBe('%5\\%\\_\\\\%');
  });

  it('cuts a plain-text snippet around the first hit', () => {
    const body = `${'a'.repeat(200)} Rechnung ${'b'.repeat(200)}`;
    const snippet = snippetOf(body, ['rechnung']);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('Rechnung');
    expect(snippet).not.toMatch(/[<>]/);
    expect(snippetOf('short\n\nbody', ['zzz'])).toBe('short body');
  });

  it('never splits a character outside the basic plane', () => {
    const body = `${'😀'.repeat(100)}订单${'😀'.repeat(100)}`;
    expect(snippetOf(body, ['订单'])).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
