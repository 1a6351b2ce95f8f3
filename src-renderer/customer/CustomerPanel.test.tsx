import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { MethodOutput } from '../../src-shared/api/contract.js';
import { initI18n } from '../i18n/index.js';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost, makeConversation } from '../state/fake-bridge.js';
import { createInboxStore, inboxContext } from '../state/inbox-store.js';
import { CustomerPanel } from './CustomerPanel.js';
import { createCustomerStore, customerContext, type CustomerState } from './customer-store.js';

const KIM: MethodOutput<'customers.get'> = {
  customer: {
    id: 'kim',
    name: 'Kim Weber',
    language: 'de',
    market: 'DE',
    vip: true,
    identities: [
      { kind: 'channel', value: 'line:acct-ln:U4af4980629', verified: true },
      { kind: 'channel', value: 'whatsapp:acct-wa:4915112345678', verified: true },
      { kind: 'phone', value: '+4915112345678', verified: true },
      { kind: 'email', value: 'kim@example.de', verified: false },
    ],
    suggestions: [],
    merges: [{ id: 'm1', sourceCustomerId: 'kim-line', sourceName: 'Kim W.', targetCustomerId: 'kim', at: 5, byName: 'Mei Lin', conversationIds: ['c-line'] }],
  },
  conversations: [
    makeConversation('c-line', { customerId: 'kim', channel: 'line', status: 'open', lastMessagePreview: 'Wo ist mein Paket?' }),
    makeConversation('c-wa', { customerId: 'kim', channel: 'whatsapp', status: 'resolved', lastMessagePreview: 'Danke!' }),
  ],
  suggestions: [
    { id: 's1', sourceCustomerId: 'kim-sms', targetCustomerId: 'kim', reason: 'name', at: 7, otherCustomerId: 'kim-sms', otherName: 'Kim Weber (SMS)' },
    { id: 's2', sourceCustomerId: 'kim', targetCustomerId: 'elsewhere', reason: 'phone', at: 8, otherCustomerId: 'elsewhere', otherName: null },
  ],
  pending: true,
};

/** The panel as the desk renders it for a customer the core answered with `view`. */
async function render(view: MethodOutput<'customers.get'>, collapsed = false): Promise<string> {
  const host = createFakeHost();
  host.answer('customers.get', () => ({ ok: true, value: view }));
  const client = createApiClient(host.bridge, () => {});
  const customer = createCustomerStore(client);
  await customer.getState().load(view.customer.id);
  if (collapsed) customer.getState().toggle();
  // A server render reads each store's initial state: render a store that starts where this one got to.
  const loaded = customer.getState();
  const i18n = await initI18n('en');
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <inboxContext.Provider value={createInboxStore(client)}>
        <customerContext.Provider value={createStore<CustomerState>()(() => loaded)}>
          <CustomerPanel />
        </customerContext.Provider>
      </inboxContext.Provider>
    </I18nextProvider>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const count = (html: string, testId: string) => html.split(`data-testid="${testId}"`).length - 1;

describe('the customer panel', () => {
  it("shows who the customer is: name, VIP, language, market, and how they are known, each channel with its badge", async () => {
    const html = await render(KIM);
    expect(text(html)).toContain('Kim Weber VIP');
    expect(text(html)).toMatch(/Language German Market Germany/);
    expect(count(html, 'customer-identity')).toBe(4);
    expect(html).toContain('channel-badge channel-badge--line');
    expect(text(html)).toContain('LINE U4af4980629');
    expect(text(html)).toContain('Phone +4915112345678 verified');
    expect(text(html)).toContain('Email kim@example.de not verified');
  });

  it('lists every conversation of theirs on every channel, each a button that opens it', async () => {
    const html = await render(KIM);
    expect(text(html)).toContain('2 conversations');
    expect(html.match(/data-conversation-id="[^"]+"/g)).toEqual(['data-conversation-id="c-line"', 'data-conversation-id="c-wa"']);
    expect(text(html)).toMatch(/LINE Open .* Wo ist mein Paket\?/);
    expect(text(html)).toMatch(/WhatsApp Resolved .* Danke!/);
  });

  it('offers a merge only for a suggestion whose other customer the agent can see, an unmerge for each merge, and says what waits', async () => {
    const html = await render(KIM);
    expect(text(html)).toContain('Kim Weber (SMS) may be this customer (same name).');
    expect(text(html)).toContain('A customer you cannot see may be this one (same phone number).');
    expect(count(html, 'customer-merge')).toBe(1);
    expect(text(html)).toContain('Kim W. was merged in by Mei Lin, with 1 conversation.');
    expect(count(html, 'customer-unmerge')).toBe(1);
    expect(text(html)).toContain('Waiting for the relay to confirm');
  });

  it('says which number a customer wrote and whose verified number it is, from either side', async () => {
    const phone = { number: '+66 81 234 5678', saidOn: 'line', verifiedOn: 'whatsapp' } as const;
    const suggestion = { id: 's3', sourceCustomerId: 'kim', targetCustomerId: 'som', reason: 'phone', at: 9, otherCustomerId: 'som', otherName: 'Somchai Jaidee' } as const;
    const gave = await render({ ...KIM, suggestions: [{ ...suggestion, phone: { ...phone, saidBy: 'this' } }] });
    expect(text(gave)).toContain('This LINE customer gave +66 81 234 5678, the number of Somchai Jaidee on WhatsApp.');
    expect(count(gave, 'customer-merge')).toBe(1);
    const given = await render({ ...KIM, suggestions: [{ ...suggestion, otherName: 'Kim W.', phone: { ...phone, saidBy: 'other' } }] });
    expect(text(given).replaceAll('&#x27;', "'")).toContain("Kim W. on LINE gave +66 81 234 5678, this customer's number on WhatsApp.");
  });

  it('shows little for a customer of whom nothing more is known, and folds away to a strip', async () => {
    const bare = { ...KIM, customer: { ...KIM.customer, vip: false, market: null, identities: [], merges: [] }, suggestions: [], pending: false };
    const html = await render(bare);
    expect(text(html)).toContain('Market Unknown');
    expect(text(html)).toContain('Only by this conversation.');
    expect([count(html, 'customer-vip'), count(html, 'customer-merge'), count(html, 'customer-unmerge')]).toEqual([0, 0, 0]);
    expect(text(await render(KIM, true)).trim()).toBe('Customer');
  });
});
