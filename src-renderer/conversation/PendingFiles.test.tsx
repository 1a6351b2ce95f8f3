import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PendingFile } from '../../src-shared/domain/model.js';
import { initI18n } from '../i18n/index.js';
import { PendingFiles } from './PendingFiles.js';

let i18n: Awaited<ReturnType<typeof initI18n>>;
beforeAll(async () => {
  i18n = await initI18n('en');
});

function shown(files: PendingFile[]): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <PendingFiles files={files} />
    </I18nextProvider>,
  );
}

/** A customer's file the relay has not kept: being fetched, or lost with why, never as markup. */
describe('pending files', () => {
  it('shows a file being fetched and one that could not be, with the reason', () => {
    const html = shown([
      { name: 'image.png', state: 'fetching', reason: null },
      { name: 'rechnung.pdf', state: 'failed', reason: 'WhatsApp answered 400 for media 123' },
    ]);
    expect(html).toContain('data-state="fetching"');
    expect(html).toContain('image.png: fetching the file from the app…');
    expect(html).toContain('data-state="failed"');
    expect(html).toContain('rechnung.pdf: File could not be fetched: WhatsApp answered 400 for media 123');
  });

  it('keeps a name and a reason as text', () => {
    const html = shown([{ name: '<img src=x onerror=alert(1)>.png', state: 'failed', reason: '<b>gone</b>' }]);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;gone&lt;/b&gt;');
  });
});
