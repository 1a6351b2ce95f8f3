import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n/index.js';
import { TemplatesOfflineNote } from './TemplatesOfflineNote.js';

let i18n: Awaited<ReturnType<typeof initI18n>>;
beforeAll(async () => {
  i18n = await initI18n('en');
});

function shown(templatesFetchedAt: number | null): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <TemplatesOfflineNote offline={{ templatesFetchedAt }} />
    </I18nextProvider>,
  )
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'");
}

describe('templates offline note', () => {
  it('says the templates shown are as last loaded, and when', () => {
    expect(shown(Date.UTC(2026, 0, 12, 9, 30))).toMatch(/^Offline: these are the templates as loaded Jan 1[12], 2026, .+\.$/);
  });

  it('says templates cannot be loaded offline when none were ever fetched', () => {
    expect(shown(null)).toBe("Offline: only an approved template may go now, and this conversation's templates cannot be loaded until the workstation reconnects.");
  });
});
