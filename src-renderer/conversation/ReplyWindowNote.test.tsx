import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReplyOptions } from '../../src-shared/protocol/channels/templates.js';
import { initI18n } from '../i18n/index.js';
import { ReplyWindowNote } from './ReplyWindowNote.js';

let i18n: Awaited<ReturnType<typeof initI18n>>;
beforeAll(async () => {
  i18n = await initI18n('en');
});

const base: ReplyOptions = { channel: 'messenger', window: 'open', windowEndsAt: Date.UTC(2026, 0, 12, 9, 30), templatesSupported: false, templates: [], fallbackLanguage: 'en' };

function shown(options: Partial<ReplyOptions>): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <ReplyWindowNote options={{ ...base, ...options }} />
    </I18nextProvider>,
  )
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'");
}

describe('reply window note', () => {
  it('says nothing while the window is open, or for web chat', () => {
    expect(shown({})).toBe('');
    expect(shown({ channel: null, window: 'closed' })).toBe('');
  });

  it("says a Messenger or Instagram reply goes with the human-agent tag, and until when", () => {
    expect(shown({ window: 'tagged' })).toMatch(/^More than 24 hours .* goes to Messenger with the human-agent tag, which lets a person answer until Jan 12, 2026/);
    expect(shown({ channel: 'instagram', window: 'tagged' })).toContain('goes to Instagram with the human-agent tag');
  });

  it('says the customer must write first past 7 days on Messenger, and that only templates go on WhatsApp', () => {
    expect(shown({ window: 'closed', windowEndsAt: null })).toContain('The customer has to write first; Messenger has no templates for this.');
    expect(shown({ channel: 'whatsapp', window: 'closed', windowEndsAt: null, templatesSupported: true })).toContain("WhatsApp's 24-hour window has closed");
  });
});
