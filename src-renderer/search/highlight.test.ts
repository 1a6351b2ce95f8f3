import { describe, expect, it } from 'vitest';
import { highlightParts } from './highlight.js';

describe('highlightParts', () => {
  it('marks every occurrence of each word, ignoring case', () => {
    expect(highlightParts('Refund the refund, then ship', 'refund ship')).toEqual([
      { text: 'Refund', match: true },
      { text: ' the ', match: false },
      { text: 'refund', match: true },
      { text: ', then ', match: false },
      { text: 'ship', match: true },
    ]);
  });

  it('treats regex characters in the query as text', () => {
    expect(highlightParts('cost (EUR) 5.00', '(EUR)')).toEqual([
      { text: 'cost ', match: false },
      { text: '(EUR)', match: true },
      { text: ' 5.00', match: false },
    ]);
  });

  it('works for scripts without spaces and leaves markup as characters', () => {
    expect(highlightParts('包裹<b>三天</b>', '三天')).toEqual([
      { text: '包裹<b>', match: false },
      { text: '三天', match: true },
      { text: '</b>', match: false },
    ]);
    expect(highlightParts('plain', '  ')).toEqual([{ text: 'plain', match: false }]);
  });
});
