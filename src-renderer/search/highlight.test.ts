import { describe, expect, it } from 'vitest';
import { highlightParts, highlightTerms } from './highlight.js';

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

  it('marks the terms an article search found, the longest whole, in any script', () => {
    expect(highlightTerms('เปลี่ยนที่อยู่จัดส่ง', ['ที่', 'ที่อยู่', 'ส่ง'])).toEqual([
      { text: 'เปลี่ยน', match: false },
      { text: 'ที่อยู่', match: true },
      { text: 'จัด', match: false },
      { text: 'ส่ง', match: true },
    ]);
    expect(highlightTerms('Changing a Delivery address', ['delivery'])).toEqual([
      { text: 'Changing a ', match: false },
      { text: 'Delivery', match: true },
      { text: ' address', match: false },
    ]);
    expect(highlightTerms('nothing here', [])).toEqual([{ text: 'nothing here', match: false }]);
  });

  it('keeps HTML in article text as characters, even when a term is inside a tag', () => {
    const parts = highlightTerms('<img src=x onerror="alert(1)">address<script>address()</script>', ['address', 'img']);
    // Every character is still there, split only around the terms: rendered as React text, the tags stay text.
    expect(parts.map((part) => part.text).join('')).toBe('<img src=x onerror="alert(1)">address<script>address()</script>');
    expect(parts.filter((part) => part.match).map((part) => part.text)).toEqual(['img', 'address', 'address']);
  });
});
