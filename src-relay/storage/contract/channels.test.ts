import { beforeEach, expect, it } from 'vitest';
import type { ChannelAccount } from '../port/channels.js';
import type { RelayStorage } from '../port/relay-storage.js';
import { describeStorage } from './adapters.js';
import { conversationOf, messageOf, seedTenants } from './fixtures.js';

const account = (id: string, over: Partial<ChannelAccount> = {}): ChannelAccount => ({
  id,
  tenantId: 'acme',
  provider: 'whatsapp',
  displayName: `Account ${id}`,
  teamId: 'team-a',
  webhookToken: `token-${id}`,
  sealedCredentials: `sealed-${id}`,
  createdAt: 10,
  disconnectedAt: null,
  ...over,
});

/** Acme's WhatsApp account `wa` and Globex's `gx`; conversation c1 with Kim's message m1 and two replies, m2 and m3. */
async function seedChannels(storage: RelayStorage): Promise<void> {
  await seedTenants(storage);
  await storage.transaction(async ({ accounts, channels, conversations }) => {
    await accounts.insertTeam('globex', { id: 'gx-team', name: 'GX', languages: ['en'], schedule: null, overflowTeamId: null }, 1);
    await channels.insertAccount(account('wa'));
    await channels.insertAccount(account('gx', { tenantId: 'globex', teamId: 'gx-team', provider: 'telegram', createdAt: 5 }));
    await conversations.insertConversation('acme', conversationOf('c1', { channel: 'whatsapp' }));
    await conversations.insertMessage('acme', messageOf('m1', 'c1'), null);
    for (const id of ['m2', 'm3']) await conversations.insertMessage('acme', messageOf(id, 'c1', { author: 'agent', authorId: 'ann' }), null);
  });
}

describeStorage('messaging channels', (storage) => {
  beforeEach(() => seedChannels(storage()));

  it('keeps accounts per tenant, found by id or by webhook token, and refuses a token twice', async () => {
    const { channels } = storage();
    await channels.insertAccount(account('tg', { provider: 'telegram', createdAt: 20 }));
    expect(await channels.findAccount('wa')).toEqual(account('wa'));
    expect(await channels.findAccountByWebhookToken('token-tg')).toEqual(account('tg', { provider: 'telegram', createdAt: 20 }));
    expect(await channels.findAccountByWebhookToken('token-nope')).toBeNull();
    expect((await channels.listAccounts('acme')).map((a) => a.id)).toEqual(['wa', 'tg']);
    expect((await channels.listAccounts('globex')).map((a) => a.id)).toEqual(['gx']);
    await expect(channels.insertAccount(account('again', { webhookToken: 'token-wa' }))).rejects.toThrow();
  });

  it('changes an account in part, and disconnects it once, forgetting its credentials and keeping the rest', async () => {
    const { channels } = storage();
    await channels.updateAccount('wa', { teamId: 'team-b' });
    await channels.updateAccount('wa', { displayName: 'Sales', sealedCredentials: 'sealed-again' });
    expect(await channels.findAccount('wa')).toEqual(account('wa', { teamId: 'team-b', displayName: 'Sales', sealedCredentials: 'sealed-again' }));
    await channels.disconnectAccount('wa', 90);
    await channels.disconnectAccount('wa', 95);
    expect(await channels.findAccountByWebhookToken('token-wa')).toEqual(account('wa', { teamId: 'team-b', displayName: 'Sales', sealedCredentials: '', disconnectedAt: 90 }));
    expect((await channels.listAccounts('acme')).map((a) => [a.id, a.disconnectedAt])).toEqual([['wa', 90]]);
    expect(await channels.findAccount('gx')).toEqual(account('gx', { tenantId: 'globex', teamId: 'gx-team', provider: 'telegram', createdAt: 5 }));
  });

  it("keeps the provider's id of each part of a reply taken so far, by part", async () => {
    const { channels } = storage();
    await storage().transaction(async (tx) => {
      await tx.channels.enqueueSend({ messageId: 'm2', tenantId: 'acme', accountId: 'wa', recipient: '4917', at: 10 });
      await tx.channels.enqueueSend({ messageId: 'm3', tenantId: 'acme', accountId: 'wa', recipient: '4917', at: 10 });
    });
    expect(await channels.findSendParts('m2')).toEqual([]);
    await storage().transaction((tx) => tx.channels.recordSendPart('m2', 0, 'wamid.first', 11));
    await storage().transaction((tx) => tx.channels.recordSendPart('m2', 2, 'wamid.third', 12));
    expect(await channels.findSendParts('m2')).toEqual(['wamid.first', null, 'wamid.third']);
    await storage().transaction((tx) => tx.channels.recordSendPart('m2', 1, 'wamid.second', 13));
    expect(await channels.findSendParts('m2')).toEqual(['wamid.first', 'wamid.second', 'wamid.third']);
    expect(await channels.findSendParts('m3')).toEqual([]);
    expect(await channels.findSendParts('nope')).toEqual([]);
  });

  it("lists an account's queued sends, not those a sender holds or has done with", async () => {
    await storage().transaction(async ({ channels }) => {
      await channels.enqueueSend({ messageId: 'm2', tenantId: 'acme', accountId: 'wa', recipient: '4917', at: 10 });
      await channels.enqueueSend({ messageId: 'm3', tenantId: 'acme', accountId: 'wa', recipient: '4918', at: 20 });
    }, { tenantId: 'acme' });
    expect((await storage().channels.listQueuedSends('wa')).map((s) => s.messageId)).toEqual(['m2', 'm3']);
    await storage().transaction((tx) => tx.channels.claimDueSends('acme', 10, 100, 1), { tenantId: 'acme' });
    expect((await storage().channels.listQueuedSends('wa')).map((s) => [s.messageId, s.state])).toEqual([['m3', 'queued']]);
    await storage().channels.updateSend('m3', { state: 'failed', at: 30, lastError: 'gone' });
    expect(await storage().channels.listQueuedSends('wa')).toEqual([]);
    expect(await storage().channels.listQueuedSends('gx')).toEqual([]);
  });

  it('finds a contact by its external id or its conversation, and moves it on to a new conversation', async () => {
    const { channels, conversations } = storage();
    const contact = { accountId: 'wa', externalId: '4917', tenantId: 'acme', customerId: 'cust', conversationId: 'c1', lastInboundAt: 50 };
    await channels.saveContact(contact);
    expect(await channels.findContact('wa', '4917')).toEqual(contact);
    expect(await channels.findContact('wa', '4918')).toBeNull();
    expect(await channels.findContactOfConversation('c1')).toEqual(contact);
    await conversations.insertConversation('acme', conversationOf('c2', { channel: 'whatsapp' }));
    await channels.saveContact({ ...contact, conversationId: 'c2', lastInboundAt: 60 });
    expect(await channels.findContact('wa', '4917')).toEqual({ ...contact, conversationId: 'c2', lastInboundAt: 60 });
    expect(await channels.findContactOfConversation('c1')).toBeNull();
  });

  it('claims due sends once, oldest first, counting attempts, and hands a lapsed claim out again', async () => {
    await storage().transaction(async ({ channels }) => {
      await channels.enqueueSend({ messageId: 'm3', tenantId: 'acme', accountId: 'wa', recipient: '4918', at: 20 });
      await channels.enqueueSend({ messageId: 'm2', tenantId: 'acme', accountId: 'wa', recipient: '4917', at: 10 });
    }, { tenantId: 'acme' });
    await expect(storage().channels.enqueueSend({ messageId: 'm2', tenantId: 'acme', accountId: 'wa', recipient: '4917', at: 30 })).rejects.toThrow();
    const claim = (at: number, until: number) => storage().transaction((tx) => tx.channels.claimDueSends('acme', at, until, 10), { tenantId: 'acme' });
    expect(await storage().channels.nextSendDueAt('acme')).toBe(10);
    expect(await storage().channels.nextSendDueAt('globex')).toBeNull();
    expect(await claim(5, 100)).toEqual([]);
    const first = await claim(15, 100);
    expect(first).toEqual([{ messageId: 'm2', tenantId: 'acme', accountId: 'wa', recipient: '4917', state: 'queued', attempts: 0, nextAttemptAt: 10, providerMessageId: null, lastError: null, createdAt: 10, updatedAt: 10 }]);
    expect(await storage().channels.findSend('m2')).toMatchObject({ state: 'sending', attempts: 1, nextAttemptAt: 100, updatedAt: 15 });
    expect(await storage().channels.hasSendInFlight('wa')).toBe(true);
    expect(await storage().channels.hasSendInFlight('gx')).toBe(false);
    expect(await storage().channels.nextSendDueAt('acme')).toBe(20);
    expect((await claim(25, 125)).map((s) => [s.messageId, s.state, s.recipient])).toEqual([['m3', 'queued', '4918']]);
    expect(await claim(99, 199)).toEqual([]);
    expect(await storage().transaction((tx) => tx.channels.claimDueSends('globex', 1000, 2000, 10), { tenantId: 'globex' })).toEqual([]);
    // m2's sender never came back: its claim lapses and it is handed out as it was, `sending`.
    expect((await claim(100, 200)).map((s) => [s.messageId, s.state, s.attempts])).toEqual([['m2', 'sending', 1]]);
    expect(await storage().channels.findSend('m2')).toMatchObject({ state: 'sending', attempts: 2, nextAttemptAt: 200 });
  });

  it("hands out a recipient's replies one at a time, in the order they were written, whatever is retried", async () => {
    await storage().transaction(async ({ channels }) => {
      // m3 is queued first, but m2 was written first.
      await channels.enqueueSend({ messageId: 'm3', tenantId: 'acme', accountId: 'wa', recipient: '4917', at: 10 });
      await channels.enqueueSend({ messageId: 'm2', tenantId: 'acme', accountId: 'wa', recipient: '4917', at: 10 });
    }, { tenantId: 'acme' });
    const claim = (at: number) => storage().transaction(async (tx) => (await tx.channels.claimDueSends('acme', at, at + 1000, 10)).map((s) => s.messageId), { tenantId: 'acme' });
    expect(await claim(10)).toEqual(['m2']);
    expect(await claim(11)).toEqual([]);
    // m2 failed for now and waits for its retry: m3 waits behind it.
    await storage().channels.updateSend('m2', { state: 'queued', at: 12, nextAttemptAt: 50 });
    expect(await claim(20)).toEqual([]);
    expect(await claim(50)).toEqual(['m2']);
    await storage().channels.updateSend('m2', { state: 'sent', at: 51, providerMessageId: 'wamid.2' });
    expect(await claim(51)).toEqual(['m3']);
  });

  it('records what a sender learnt: a retry later, the provider id once sent, the error of a failure', async () => {
    const { channels } = storage();
    await channels.enqueueSend({ messageId: 'm2', tenantId: 'acme', accountId: 'wa', recipient: '4917', at: 10 });
    await channels.updateSend('m2', { state: 'queued', at: 11, nextAttemptAt: 40, lastError: 'HTTP 503' });
    expect(await channels.findSend('m2')).toMatchObject({ state: 'queued', nextAttemptAt: 40, lastError: 'HTTP 503', providerMessageId: null, updatedAt: 11 });
    expect(await channels.hasSendInFlight('wa')).toBe(false);
    await channels.updateSend('m2', { state: 'sent', at: 41, providerMessageId: 'wamid.1' });
    expect(await channels.findSend('m2')).toMatchObject({ state: 'sent', nextAttemptAt: 40, lastError: 'HTTP 503', providerMessageId: 'wamid.1', updatedAt: 41 });
    expect(await channels.findSend('m1')).toBeNull();
  });

  it("shows a reply's delivery on the stored message", async () => {
    const delivery = { state: 'failed' as const, at: 70, failure: 'outside-window' as const, detail: 'Re-engagement message' };
    await storage().channels.setMessageDelivery('m2', delivery);
    expect((await storage().conversations.findMessage('m2'))?.message).toEqual({ ...messageOf('m2', 'c1', { author: 'agent', authorId: 'ann' }), channelDelivery: delivery });
    expect((await storage().conversations.findMessage('m3'))?.message).toEqual(messageOf('m3', 'c1', { author: 'agent', authorId: 'ann' }));
  });

  it('erases the contact and the queued sends with their conversation', async () => {
    await storage().channels.saveContact({ accountId: 'wa', externalId: '4917', tenantId: 'acme', customerId: 'cust', conversationId: 'c1', lastInboundAt: 50 });
    await storage().channels.enqueueSend({ messageId: 'm2', tenantId: 'acme', accountId: 'wa', recipient: '4917', at: 10 });
    await storage().transaction(async (tx) => {
      await tx.conversations.eraseConversation('acme', 'c1', 77);
      await tx.conversations.eraseCustomer('acme', 'cust', { requestedBy: 'root', at: 78, conversations: 1, messages: 3 });
    }, { tenantId: 'acme' });
    expect(await storage().channels.findContact('wa', '4917')).toBeNull();
    expect(await storage().channels.findSend('m2')).toBeNull();
    expect(await storage().channels.findAccount('wa')).toEqual(account('wa'));
  });
});
