import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChannelDelivery } from '../../src-shared/domain/model.js';
import { initI18n } from '../i18n/index.js';
import { createApiClient } from '../state/api-client.js';
import { conversationContext, createConversationStore } from '../state/conversation-store.js';
import { createFakeHost, makeMessage } from '../state/fake-bridge.js';
import { ChannelDeliveryNote } from './ChannelDeliveryNote.js';

let i18n: Awaited<ReturnType<typeof initI18n>>;
beforeAll(async () => {
  i18n = await initI18n('en');
});

function rendered(message: ReturnType<typeof makeMessage>): string {
  const store = createConversationStore(createApiClient(createFakeHost().bridge, () => {}));
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <conversationContext.Provider value={store}>
        <ChannelDeliveryNote message={message} />
      </conversationContext.Provider>
    </I18nextProvider>,
  );
}

const shown = (delivery: ChannelDelivery): string => rendered(makeMessage('m1', 'c1', { author: 'agent', body: 'On its way', channelDelivery: delivery }));

const at = Date.UTC(2026, 0, 5, 14, 2);

/** The reply's delivery, as the messaging apps show it: a clock, one tick, two ticks, two blue ticks; words when it failed. */
describe('channel delivery note', () => {
  it.each([
    ['queued', 'Sending…', 'clock'],
    ['sent', 'Sent', 'tick'],
    ['delivered', 'Delivered', 'double-tick'],
    ['read', 'Read', 'double-tick'],
  ] as const)('shows %s as its mark, named for screen readers', (state, label, mark) => {
    const html = shown({ state, at, failure: null, detail: null });
    expect(html).toContain(`data-state="${state}"`);
    expect(html).toContain(`role="img" aria-label="${label}"`);
    expect(html).toContain(`data-mark="${mark}"`);
    expect(html).toContain(`class="delivery-ticks delivery-ticks--${state}"`);
    // Marks only: no remote image, no words beside them.
    expect(html).not.toMatch(/<img|https?:\/\/(?!www\.w3\.org)/);
    expect(html.replace(/<[^>]+>/g, '')).toBe('');
  });

  it('keeps "Not delivered" as words with the reason, the provider\'s detail as its tooltip, and ways to send the reply again or copy it', () => {
    const html = shown({ state: 'failed', at, failure: 'disconnected', detail: 'An administrator disconnected the Telegram account "Acme bot".' });
    expect(html).toContain('data-state="failed"');
    expect(html).toContain('Not delivered: an administrator disconnected the account it was to go through.');
    expect(html).toContain('title="An administrator disconnected the Telegram account &quot;Acme bot&quot;."');
    expect(html).toContain('data-testid="channel-send-again"');
    expect(html).toContain('data-testid="channel-copy"');
    expect(html).not.toContain('delivery-ticks');
  });

  it('shows nothing for a reply that is not on a messaging app', () => {
    const message = makeMessage('m2', 'c1', { author: 'agent', channelDelivery: null });
    expect(rendered(message)).toBe('');
  });
});
