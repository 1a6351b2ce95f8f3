import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplyOptions } from '../../../src-shared/protocol/channels/templates.js';
import { Cache } from '../../store/cache.js';
import { sampleAgent, sampleConversation, sampleMessage } from '../../store/testing/records.js';
import { Guards } from './guards.js';
import { replyOptionsHandlers } from './reply-options-service.js';

const HOUR = 3_600_000;
const TEMPLATE = { name: 'order_update', language: 'de', category: 'UTILITY', header: null, body: 'Hallo {{1}}, Ihre Bestellung {{2}} ist unterwegs.', footer: null, parameterCount: 2 };
const RELAY_OPTIONS: ReplyOptions = { channel: 'whatsapp', window: 'closed', windowEndsAt: null, templatesSupported: true, templates: [TEMPLATE], fallbackLanguage: 'de' };

/** The composer's reply options through the desk: from a relay stand-in while it answers, then reckoned from the cache when it cannot be reached. */
describe('reply options service', () => {
  let cache: Cache;
  let server: Server;
  let relayUrl: string;
  let answer: { status: number; body: unknown };

  beforeEach(async () => {
    cache = Cache.open(':memory:');
    cache.session.saveSignIn({ token: 'token-agent', expiresAt: Date.now() + 60_000, agent: sampleAgent() });
    answer = { status: 200, body: RELAY_OPTIONS };
    server = createServer((_request, response) => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    relayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    cache.close();
    if (server.listening) await new Promise((resolve) => server.close(resolve));
  });

  const handlers = () => replyOptionsHandlers({ cache, guards: new Guards(cache, { isClosed: () => false }), relayUrl });
  const goOffline = () => new Promise((resolve) => server.close(resolve));
  /** A conversation whose customer last wrote `hoursAgo` hours ago (a reply of ours came later). */
  function conversationOn(channel: 'whatsapp' | 'messenger' | 'webchat', hoursAgo: number | null, id = 'conv-1'): string {
    const now = Date.now();
    cache.conversations.upsert(sampleConversation({ id, channel, lastMessageAt: now - HOUR }));
    if (hoursAgo !== null) cache.messages.upsertSent(sampleMessage({ id: `${id}-m`, conversationId: id, createdAt: now - hoursAgo * HOUR }));
    return id;
  }

  it("answers the relay's options and keeps them; offline after WhatsApp's 24 hours it offers those templates only", async () => {
    const conversationId = conversationOn('whatsapp', 30);
    expect(await handlers()['replies.options']({ conversationId })).toEqual(RELAY_OPTIONS);
    await goOffline();
    const offline = await handlers()['replies.options']({ conversationId });
    expect(offline).toMatchObject({ channel: 'whatsapp', window: 'closed', windowEndsAt: null, templatesSupported: true, templates: [TEMPLATE], fallbackLanguage: 'de' });
    expect(offline.offline?.templatesFetchedAt).toBeGreaterThan(Date.now() - 60_000);
  });

  it('says offline that no templates were ever fetched for a closed window, rather than offering free text', async () => {
    const conversationId = conversationOn('whatsapp', 25);
    await goOffline();
    expect(await handlers()['replies.options']({ conversationId })).toMatchObject({ window: 'closed', templatesSupported: true, templates: [], offline: { templatesFetchedAt: null } });
  });

  it('reckons an open window offline with its end, and a closed one from the last message when no customer message is cached', async () => {
    const open = conversationOn('whatsapp', 2);
    cache.conversations.upsert(sampleConversation({ id: 'conv-old', channel: 'whatsapp', lastMessageAt: Date.now() - 48 * HOUR }));
    await goOffline();
    const options = await handlers()['replies.options']({ conversationId: open });
    expect(options.window).toBe('open');
    expect(options.windowEndsAt).toBe(cache.messages.lastCustomerMessageAt(open)! + 24 * HOUR);
    expect(await handlers()['replies.options']({ conversationId: 'conv-old' })).toMatchObject({ window: 'closed', templates: [] });
    expect(await handlers()['replies.options']({ conversationId: conversationOn('messenger', 30, 'conv-m') })).toMatchObject({ window: 'tagged', templatesSupported: false });
  });

  it("holds to the relay's last answer while the customer has not written since: closed stays closed, open ends when it said", async () => {
    // The relay dates a message on arrival; the window runs from the provider's time, which the relay's answer carries.
    const conversationId = conversationOn('whatsapp', 0.5);
    await handlers()['replies.options']({ conversationId });
    answer = { status: 200, body: { ...RELAY_OPTIONS, window: 'open', windowEndsAt: Date.now() - 60_000 } };
    const ended = conversationOn('whatsapp', 0.5, 'conv-ended');
    await handlers()['replies.options']({ conversationId: ended });
    const endsLater = Date.now() + 3 * HOUR;
    answer = { status: 200, body: { ...RELAY_OPTIONS, window: 'open', windowEndsAt: endsLater } };
    const open = conversationOn('whatsapp', 21, 'conv-open');
    await handlers()['replies.options']({ conversationId: open });
    await goOffline();
    expect(await handlers()['replies.options']({ conversationId })).toMatchObject({ window: 'closed', templates: [TEMPLATE] });
    expect(await handlers()['replies.options']({ conversationId: ended })).toMatchObject({ window: 'closed', windowEndsAt: null });
    expect(await handlers()['replies.options']({ conversationId: open })).toMatchObject({ window: 'open', windowEndsAt: endsLater });
    // The customer wrote again after that answer (the message came in before the desk went offline): the window is open.
    cache.messages.upsertSent(sampleMessage({ id: 'm-again', conversationId, createdAt: Date.now() + 1_000 }));
    expect(await handlers()['replies.options']({ conversationId })).toMatchObject({ window: 'open' });
  });

  it('leaves free text offline where the desk cannot tell: web chat, sample history, no customer message lately', async () => {
    answer = { status: 200, body: { ...RELAY_OPTIONS, channel: null, window: 'open', windowEndsAt: null, templatesSupported: false, templates: [] } };
    const sample = conversationOn('whatsapp', 30, 'conv-sample');
    await handlers()['replies.options']({ conversationId: sample });
    const webchat = conversationOn('webchat', 30, 'conv-web');
    cache.conversations.upsert(sampleConversation({ id: 'conv-quiet', channel: 'whatsapp', lastMessageAt: Date.now() - HOUR }));
    await goOffline();
    for (const conversationId of [sample, webchat, 'conv-quiet']) {
      await expect(handlers()['replies.options']({ conversationId })).rejects.toMatchObject({ code: 'unavailable' });
    }
  });

  it('forgets kept options with the conversation', async () => {
    const conversationId = conversationOn('whatsapp', 30);
    await handlers()['replies.options']({ conversationId });
    expect(cache.replyOptions.get(conversationId)?.options).toEqual(RELAY_OPTIONS);
    cache.eraseConversation(conversationId);
    expect(cache.replyOptions.get(conversationId)).toBeNull();
  });
});
