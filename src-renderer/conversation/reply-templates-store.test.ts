import { describe, expect, it } from 'vitest';
import type { DeskReplyOptions } from '../../src-shared/api/replies.js';
import type { ReplyOptions } from '../../src-shared/protocol/channels/templates.js';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost, makeMessage } from '../state/fake-bridge.js';
import { createReplyTemplatesStore, templateNames, templateOffer } from './reply-templates-store.js';

const shipped = (language: string, body: string) => ({ name: 'order_shipped', language, category: 'UTILITY', header: null, body, footer: null, parameterCount: 2 });
const OPTIONS: ReplyOptions = {
  channel: 'whatsapp',
  window: 'closed',
  windowEndsAt: null,
  templatesSupported: true,
  templates: [shipped('en_US', 'Hello {{1}}, order {{2}} shipped.'), shipped('pt_BR', 'Olá {{1}}, o pedido {{2}} foi enviado.'), { ...shipped('en_US', 'Hello {{1}}'), name: 'welcome', parameterCount: 1 }],
  fallbackLanguage: 'en',
};
const JOAO = { id: 'c1', customerName: 'João Silva', language: 'pt-BR' };

function setup(options: DeskReplyOptions = OPTIONS) {
  const host = createFakeHost();
  host.answer('replies.options', () => ({ ok: true, value: options }));
  host.answer('conversations.reply', () => ({ ok: true, value: { message: { ...makeMessage('m1', 'c1', { author: 'agent' }), delivery: 'pending', deliveryError: null } } }));
  const store = createReplyTemplatesStore(createApiClient(host.bridge, () => {}));
  return { host, store };
}

describe('reply templates store', () => {
  it("picks a template in the customer's language and starts its first variable with their first name", async () => {
    const { store } = setup();
    await store.getState().load(JOAO);
    expect(templateNames(store.getState().options)).toEqual(['order_shipped', 'welcome']);
    store.getState().pick('order_shipped', JOAO);
    expect(store.getState().picked).toEqual({ template: OPTIONS.templates[1], parameters: ['João', ''] });
    // Another customer, no template in their language: the team's.
    store.getState().pick('order_shipped', { ...JOAO, language: 'th' });
    expect(store.getState().picked?.template.language).toBe('en_US');
  });

  it('keeps the values when the agent switches language, and sends the rendered text with the template', async () => {
    const { host, store } = setup();
    await store.getState().load(JOAO);
    store.getState().pick('order_shipped', JOAO);
    expect(await store.getState().send()).toBe(false); // the order number is missing
    store.getState().setParameter(1, 'A-7');
    store.getState().setLanguage('en_US', JOAO);
    expect(store.getState().picked?.parameters).toEqual(['João', 'A-7']);
    expect(await store.getState().send()).toBe(true);
    expect(host.callsOf('conversations.reply')).toEqual([
      { conversationId: 'c1', body: 'Hello João, order A-7 shipped.', template: { name: 'order_shipped', language: 'en_US', parameters: ['João', 'A-7'] } },
    ]);
    expect(store.getState().picked).toBeNull();
  });

  it("shows the relay's refusal and keeps the pick to correct it", async () => {
    const { host, store } = setup();
    host.answer('conversations.reply', () => ({ ok: false, error: { code: 'bad_request', message: 'The template "order_shipped" changed since it was picked: pick it again.' } }));
    await store.getState().load(JOAO);
    store.getState().pick('order_shipped', JOAO);
    store.getState().setParameter(1, 'A-7');
    expect(await store.getState().send()).toBe(false);
    expect(store.getState().error).toMatch(/changed since it was picked/);
    expect(store.getState().picked?.parameters).toEqual(['João', 'A-7']);
  });

  it('forgets a pick the relay no longer lists (paused in WhatsApp Manager), and knows nothing while offline', async () => {
    const { host, store } = setup();
    await store.getState().load(JOAO);
    store.getState().pick('welcome', JOAO);
    host.answer('replies.options', () => ({ ok: true, value: { ...OPTIONS, templates: OPTIONS.templates.slice(0, 2) } }));
    await store.getState().load(JOAO);
    expect(store.getState().picked).toBeNull();
    host.answer('replies.options', () => ({ ok: false, error: { code: 'unavailable', message: 'offline' } }));
    await store.getState().load(JOAO);
    expect(store.getState().options).toBeNull();
  });

  it('offers the templates last fetched offline, and says when none can be loaded rather than that the account has none', async () => {
    const { host, store } = setup({ ...OPTIONS, offline: { templatesFetchedAt: 5 } });
    await store.getState().load(JOAO);
    expect(templateOffer(store.getState().options)).toBe('templates');
    store.getState().pick('welcome', JOAO);
    expect(await store.getState().send()).toBe(true);
    expect(host.callsOf('conversations.reply')).toEqual([{ conversationId: 'c1', body: 'Hello João', template: { name: 'welcome', language: 'en_US', parameters: ['João'] } }]);
    expect(templateOffer({ ...OPTIONS, templates: [], offline: { templatesFetchedAt: null } })).toBe('offline-none');
    expect(templateOffer({ ...OPTIONS, templates: [] })).toBe('none');
    expect(templateOffer({ ...OPTIONS, templates: [], offline: { templatesFetchedAt: 5 } })).toBe('none');
  });
});
