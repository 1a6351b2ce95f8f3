import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleHit } from '../../src-shared/api/contract.js';
import { initI18n } from '../i18n/index.js';
import { ArticleHitItem } from './ArticleHitItem.js';

let i18n: Awaited<ReturnType<typeof initI18n>>;
beforeAll(async () => {
  i18n = await initI18n('en');
});

function hit(fields: Partial<ArticleHit>): ArticleHit {
  return {
    article: { id: 'kb-1', version: 1, title: 'Changing a delivery address', locale: 'en', markets: [], tags: ['delivery'], titles: [], intents: [], public: true, updatedAt: 1, updatedByName: 'Sam' },
    title: 'Changing a delivery address',
    snippet: 'The address can be changed until the order is packed.',
    match: { field: 'title', language: 'th', translated: false, terms: ['ที่อยู่'], title: null },
    ...fields,
  };
}

const rendered = (value: ArticleHit) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <ArticleHitItem hit={value} testId="knowledge-hit" onOpen={() => {}} />
    </I18nextProvider>,
  );

describe('an article in the knowledge panel', () => {
  it('marks the words found in its title and snippet, and says which language matched', () => {
    const html = rendered(hit({ title: 'เปลี่ยนที่อยู่จัดส่ง', snippet: 'ที่อยู่ใหม่', match: { field: 'title', language: 'th', translated: false, terms: ['ที่อยู่'], title: null } }));
    expect(html.match(/<mark[^>]*>([^<]*)<\/mark>/g)).toEqual(['<mark data-testid="knowledge-mark">ที่อยู่</mark>', '<mark data-testid="knowledge-mark">ที่อยู่</mark>']);
    expect(html).toContain('title in Thai matched');
    expect(html).toContain('data-language="th"');
  });

  it('shows the title in the language that matched, marked, when the agent reads another', () => {
    const html = rendered(hit({ match: { field: 'title', language: 'th', translated: false, terms: ['ที่อยู่'], title: 'เปลี่ยนที่อยู่จัดส่ง' } }));
    expect(html).toContain('<span class="knowledge-hit-matched-title" data-testid="knowledge-hit-matched-title" lang="th" dir="auto"><span>เปลี่ยน</span><mark data-testid="knowledge-mark">ที่อยู่</mark><span>จัดส่ง</span></span>');
  });

  it('says when a translation of the search matched', () => {
    expect(rendered(hit({ match: { field: 'body', language: 'es', translated: true, terms: ['dirección'], title: null } }))).toContain('your search, translated into Spanish, matched');
  });

  it('shows HTML in article text as text, with the marks around the words only', () => {
    const html = rendered(
      hit({
        title: '<img src=x onerror="alert(1)">address',
        snippet: '<script>steal()</script> change the address <b>now</b>',
        match: { field: 'body', language: 'en', translated: false, terms: ['address', 'script'], title: null },
      }),
    );
    expect(html).not.toMatch(/<img|<script|<b>/);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('<span>&lt;</span><mark data-testid="knowledge-mark">script</mark><span>&gt;steal()&lt;/</span>');
    // Only <mark>, <span> and the button are elements: nothing from the article's text became one.
    expect([...new Set([...html.matchAll(/<([a-z]+)/g)].map((m) => m[1]))].sort()).toEqual(['button', 'mark', 'span']);
  });
});
