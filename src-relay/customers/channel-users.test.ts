import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../src-shared/domain/model.js';
import type { EventData } from '../../src-shared/protocol/sync.js';
import { receiveChannelWebhook, type ChannelInbound } from '../conversations/channel-messages.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import { acmeCore } from '../testing/test-relay.js';

const account = (id: string, provider: Channel): ChannelAccount => ({
  id,
  tenantId: 'acme',
  provider,
  displayName: id,
  teamId: 'team-a',
  webhookToken: `token-${id}`,
  sealedCredentials: 'sealed',
  createdAt: 1,
});
const ACCOUNTS = { wa: account('wa', 'whatsapp'), sms: account('sms', 'sms'), line: account('line', 'line'), tg: account('tg', 'telegram') };

let sent = 0;
const inbound = (externalUserId: string, displayName: string, over: Partial<ChannelInbound> = {}): ChannelInbound => ({
  providerMessageId: `p-${++sent}`,
  externalUserId,
  displayName,
  language: null,
  body: 'Hallo',
  sentAt: 1000,
  ...over,
});

/** Messaging-app users becoming customers: linked by a proven number, suggested by a weaker match. */
describe('a new messaging-app user', () => {
  let core: RelayCore;
  beforeEach(async () => {
    core = await acmeCore(() => 5000);
    for (const each of Object.values(ACCOUNTS)) await core.store.channels.insertAccount(each);
  });
  afterEach(() => core.store.close());

  const write = async (on: keyof typeof ACCOUNTS, message: ChannelInbound) => {
    await receiveChannelWebhook(core, ACCOUNTS[on], { messages: [message], statuses: [] });
    const contact = await core.store.channels.findContact(ACCOUNTS[on].id, message.externalUserId);
    const conversation = await core.store.conversations.findConversation('acme', contact?.conversationId ?? '');
    if (!conversation) throw new Error('no conversation');
    return conversation;
  };
  const logged = async (): Promise<{ conversationId: string | null; data: EventData }[]> =>
    (await core.store.events.range('acme', 0, await core.store.events.headSeq('acme'))).map(({ conversationId, data }) => ({ conversationId, data }));
  const profiles = async () => (await logged()).flatMap((event) => (event.data.type === 'customer.updated' ? [{ conversationId: event.conversationId, customer: event.data.customer }] : []));

  it('is the customer who holds their number verified: a new conversation on the new channel, same customer', async () => {
    const onWhatsApp = await write('wa', inbound('4915112345678', 'Kim Weber'));
    const bySms = await write('sms', inbound('+4915112345678', 'Kim W.'));
    expect(bySms).toMatchObject({ customerId: onWhatsApp.customerId, customerName: 'Kim Weber', channel: 'sms', market: 'DE' });
    expect(bySms.id).not.toBe(onWhatsApp.id);
    expect((await core.store.conversations.listOfCustomer('acme', onWhatsApp.customerId)).map((c) => c.channel).sort()).toEqual(['sms', 'whatsapp']);
    expect(await core.store.customers.listIdentities('acme', onWhatsApp.customerId)).toEqual([
      { kind: 'channel', value: 'sms:sms:+4915112345678', verified: true },
      { kind: 'channel', value: 'whatsapp:wa:4915112345678', verified: true },
      { kind: 'phone', value: '+4915112345678', verified: true },
    ]);
    // Whoever sees either conversation learns of the new identity.
    const last = (await profiles()).slice(-2);
    expect(last.map((p) => p.conversationId).sort()).toEqual([bySms.id, onWhatsApp.id].sort());
    expect(last.every((p) => p.customer.identities.length === 3 && p.customer.suggestions.length === 0)).toBe(true);
  });

  it("takes a known customer's language, market and VIP flag to the linked conversation, unless the provider tells the language", async () => {
    await core.store.conversations.insertCustomer('acme', { id: 'vip', name: 'Nok Saelim', language: 'th', market: 'TH', createdAt: 0, vip: true });
    await core.store.customers.addIdentity('acme', 'vip', { kind: 'phone', value: '+66812345678', verified: true }, 0);
    const linked = await write('wa', inbound('66812345678', 'Nok'));
    expect(linked).toMatchObject({ customerId: 'vip', customerName: 'Nok Saelim', language: 'th', market: 'TH', vip: true });
    const created = (await logged()).find((e) => e.data.type === 'conversation.upserted' && e.data.conversation.id === linked.id);
    expect(created?.data).toMatchObject({ conversation: { vip: true } });
    const told = await write('sms', inbound('+66812345678', 'Nok', { language: 'en-GB' }));
    expect(told).toMatchObject({ customerId: 'vip', language: 'en-GB', market: 'TH' });
  });

  it('becomes a new customer, suggested as the namesake who wrote before, when no number proves who they are', async () => {
    const onWhatsApp = await write('wa', inbound('4915112345678', 'Kim Weber'));
    const onLine = await write('line', inbound('U4af4980629', 'Kim Weber'));
    expect(onLine.customerId).not.toBe(onWhatsApp.customerId);
    expect(onLine.market).toBeNull();
    const suggestion = { id: expect.any(String), sourceCustomerId: onLine.customerId, targetCustomerId: onWhatsApp.customerId, reason: 'name', at: 5000 };
    expect(await core.store.customers.listSuggestions('acme', onWhatsApp.customerId)).toEqual([suggestion]);
    // Both customers' desks hear of it: the older one at its conversation, the newcomer at theirs.
    const told = (await profiles()).filter((p) => p.customer.suggestions.length === 1);
    expect(told.map((p) => [p.conversationId, p.customer.id])).toEqual([
      [onWhatsApp.id, onWhatsApp.customerId],
      [onLine.id, onLine.customerId],
    ]);
    expect(told[1]?.customer.identities).toEqual([{ kind: 'channel', value: 'line:line:U4af4980629', verified: true }]);
  });

  it('is nobody known when neither number nor full name matches, and a returning user is not matched again', async () => {
    await write('wa', inbound('4915112345678', 'Kim Weber'));
    const stranger = await write('tg', inbound('4915112345678', 'Kim'));
    expect(await core.store.customers.listSuggestions('acme', stranger.customerId)).toEqual([]);
    // A Telegram chat id that looks like the number proves nothing.
    expect(await core.store.customers.listIdentities('acme', stranger.customerId)).toEqual([{ kind: 'channel', value: 'telegram:tg:4915112345678', verified: true }]);
    const before = (await logged()).length;
    const again = await write('tg', inbound('4915112345678', 'Kim'));
    expect(again.id).toBe(stranger.id);
    expect((await logged()).slice(before).map((e) => e.data.type)).toEqual(['conversation.upserted', 'message.created']);
  });
});
