import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../src-shared/domain/model.js';
import { receiveChannelWebhook, type ChannelInbound } from '../conversations/channel-messages.js';
import { sendCustomerMessage, startChat } from '../conversations/customer-chat.js';
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
const ACCOUNTS = { wa: account('wa', 'whatsapp'), line: account('line', 'line'), tg: account('tg', 'telegram'), lineJa: { ...account('line-ja', 'line'), teamId: 'team-b' } };

let sent = 0;
const inbound = (externalUserId: string, displayName: string, body: string, language: string | null = null): ChannelInbound => ({
  providerMessageId: `p-${++sent}`,
  externalUserId,
  displayName,
  language,
  body,
  sentAt: 1000,
});

/** A phone number written in a message: kept as said, and a suggestion when another customer holds it verified. */
describe('a phone number a customer writes', () => {
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
  const profilesLogged = async () =>
    (await core.store.events.range('acme', 0, await core.store.events.headSeq('acme'))).flatMap(({ conversationId, data }) =>
      data.type === 'customer.updated' ? [{ conversationId, customer: data.customer }] : [],
    );

  it("that another customer holds verified is suggested, never linked, and kept as said", async () => {
    const onWhatsApp = await write('wa', inbound('66812345678', 'Somchai Jaidee', 'สวัสดีครับ'));
    const onLine = await write('line', inbound('U4af4980629', 'LINE user 980629', 'สวัสดีครับ'));
    expect(await core.store.customers.listSuggestions('acme', onLine.customerId)).toEqual([]);

    const again = await write('line', inbound('U4af4980629', 'LINE user 980629', 'เบอร์ผมคือ +66 81 234 5678 ครับ'));
    expect(again.customerId).toBe(onLine.customerId);
    expect(await core.store.customers.listSuggestions('acme', onLine.customerId)).toEqual([
      { id: expect.any(String), sourceCustomerId: onLine.customerId, targetCustomerId: onWhatsApp.customerId, reason: 'phone', at: 5000 },
    ]);
    expect(await core.store.customers.listIdentities('acme', onLine.customerId)).toEqual([
      { kind: 'channel', value: 'line:line:U4af4980629', verified: true },
      { kind: 'phone', value: '+66812345678', verified: false },
    ]);
    // The verified number stays the WhatsApp customer's alone.
    expect(await core.store.customers.findHolders('acme', [{ kind: 'phone', value: '+66812345678' }])).toEqual(
      expect.arrayContaining([{ customerId: onWhatsApp.customerId, identity: { kind: 'phone', value: '+66812345678', verified: true } }]),
    );
    // Each customer's desks hear of it at that customer's own conversation, and nowhere else.
    const told = (await profilesLogged()).filter((p) => p.customer.suggestions.length === 1);
    expect(told.map((p) => [p.conversationId, p.customer.id]).sort()).toEqual(
      [
        [onLine.id, onLine.customerId],
        [onWhatsApp.id, onWhatsApp.customerId],
      ].sort(),
    );
  });

  it('is read in the customer’s market when written nationally', async () => {
    const onWhatsApp = await write('wa', inbound('4915112345678', 'Kim Weber', 'Hallo'));
    const onTelegram = await write('tg', inbound('5512345678', 'Kim', 'Hallo', 'de-DE'));
    expect(onTelegram.market).toBe('DE');
    await write('tg', inbound('5512345678', 'Kim', 'Meine Nummer ist 0151 12345678, Bestellung 100234567'));
    expect(await core.store.customers.listSuggestions('acme', onTelegram.customerId)).toEqual([
      expect.objectContaining({ sourceCustomerId: onTelegram.customerId, targetCustomerId: onWhatsApp.customerId, reason: 'phone' }),
    ]);
  });

  it('is read in the likely country of the conversation\'s language when LINE tells no market', async () => {
    const onWhatsApp = await write('wa', inbound('819012345678', 'Sato Hana', 'こんにちは'));
    // Team B answers in Japanese: a LINE user with no stated language writes in its conversation.
    const onLine = await write('lineJa', inbound('Ubbbb000001', 'LINE user 000001', '電話番号は090-1234-5678です'));
    expect(onLine).toMatchObject({ market: null, language: 'ja' });
    expect(await core.store.customers.listSuggestions('acme', onLine.customerId)).toEqual([
      expect.objectContaining({ sourceCustomerId: onLine.customerId, targetCustomerId: onWhatsApp.customerId, reason: 'phone' }),
    ]);
  });

  it('suggests nothing when nobody holds it verified, and is suggested once however often it is written', async () => {
    const first = await write('line', inbound('Uaaaa000001', 'LINE user 000001', 'โทร +66 81 234 5678'));
    const second = await write('tg', inbound('5512345678', 'Kim', 'call me at +66 81 234 5678'));
    // Two said numbers prove nothing either way.
    expect(await core.store.customers.listSuggestions('acme', first.customerId)).toEqual([]);
    expect(await core.store.customers.listSuggestions('acme', second.customerId)).toEqual([]);
    const onWhatsApp = await write('wa', inbound('66812345678', 'Somchai Jaidee', 'hi'));
    await write('line', inbound('Uaaaa000001', 'LINE user 000001', 'อีกครั้ง +66 81 234 5678'));
    // The WhatsApp newcomer's own match suggested one of them; the number said again adds nothing.
    const suggestions = await core.store.customers.listSuggestions('acme', onWhatsApp.customerId);
    expect(suggestions).toEqual([expect.objectContaining({ sourceCustomerId: onWhatsApp.customerId, reason: 'phone' })]);
    expect([first.customerId, second.customerId]).toContain(suggestions[0]?.targetCustomerId);
  });

  it('is noticed in the web chat too, read in the market of the language the visitor chose', async () => {
    const onWhatsApp = await write('wa', inbound('5511987654321', 'Ana Souza', 'Oi'));
    const started = await startChat(core, { type: 'hello', tenant: 'acme', name: 'Ana', language: 'pt-BR' });
    if (!started.ok) throw new Error(started.message);
    await sendCustomerMessage(core, started.visitor, { type: 'send', clientMessageId: 'client-0001', body: 'Meu WhatsApp é (11) 98765-4321, pedido nº 123456789' });
    expect(await core.store.customers.listSuggestions('acme', started.visitor.customerId)).toEqual([
      expect.objectContaining({ sourceCustomerId: started.visitor.customerId, targetCustomerId: onWhatsApp.customerId, reason: 'phone' }),
    ]);
  });

  it('is not looked at for a customer whose phone a provider proved', async () => {
    const somchai = await write('wa', inbound('66812345678', 'Somchai Jaidee', 'hi'));
    const kim = await write('wa', inbound('4915112345678', 'Kim Weber', 'my wife’s number is +66 81 234 5678'));
    expect(await core.store.customers.listSuggestions('acme', kim.customerId)).toEqual([]);
    expect(await core.store.customers.listSuggestions('acme', somchai.customerId)).toEqual([]);
    expect((await core.store.customers.listIdentities('acme', kim.customerId)).filter((i) => i.kind === 'phone')).toEqual([
      { kind: 'phone', value: '+4915112345678', verified: true },
    ]);
  });

  it('ignores order numbers and dates', async () => {
    await write('wa', inbound('4915112345678', 'Kim Weber', 'Hallo'));
    const onTelegram = await write('tg', inbound('5512345678', 'Kim', 'Bestellnummer 100234567 vom 03.12.2024', 'de-DE'));
    expect(await core.store.customers.listIdentities('acme', onTelegram.customerId)).toEqual([{ kind: 'channel', value: 'telegram:tg:5512345678', verified: true }]);
    expect(await core.store.customers.listSuggestions('acme', onTelegram.customerId)).toEqual([]);
  });
});
