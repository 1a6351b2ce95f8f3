import { beforeEach, expect, it } from 'vitest';
import type { MessageTemplate } from '../../../src-shared/domain/message-templates.js';
import type { RelayStorage } from '../port/relay-storage.js';
import { describeStorage } from './adapters.js';
import { conversationOf, messageOf, seedTenants } from './fixtures.js';

const template = (name: string, language: string, over: Partial<MessageTemplate> = {}): MessageTemplate => ({
  name,
  language,
  category: 'UTILITY',
  header: null,
  body: 'Hello {{1}}, your order {{2}} is on its way.',
  footer: null,
  parameterCount: 2,
  ...over,
});

/** Acme's WhatsApp account `wa` and Telegram account `tg`; conversation c1 with Kim's message m1 and Ann's replies m2 and m3. */
async function seed(storage: RelayStorage): Promise<void> {
  await seedTenants(storage);
  await storage.transaction(async ({ channels, conversations }) => {
    for (const [id, provider] of [['wa', 'whatsapp'], ['tg', 'telegram']] as const) {
      await channels.insertAccount({ id, tenantId: 'acme', provider, displayName: id, teamId: 'team-a', webhookToken: `token-${id}`, sealedCredentials: 'sealed', createdAt: 1 });
    }
    await conversations.insertConversation('acme', conversationOf('c1', { channel: 'whatsapp' }));
    await conversations.insertMessage('acme', messageOf('m1', 'c1'), null);
    for (const id of ['m2', 'm3']) await conversations.insertMessage('acme', messageOf(id, 'c1', { author: 'agent', authorId: 'ann' }), null);
  });
}

describeStorage('approved message templates', (storage) => {
  beforeEach(() => seed(storage()));

  it("keeps each account's templates by name and language, replacing them all at each fetch", async () => {
    const { channels } = storage();
    expect(await channels.listTemplates('wa')).toEqual([]);
    const first = [template('order_update', 'pt_BR'), template('order_update', 'en_US', { header: 'Acme', footer: 'Reply STOP to opt out' }), template('a_hello', 'de', { body: 'Hallo!', parameterCount: 0 })];
    await storage().transaction((tx) => tx.channels.replaceTemplates('wa', first, 50));
    expect(await channels.listTemplates('wa')).toEqual([first[2], first[1], first[0]]);
    expect(await channels.listTemplates('tg')).toEqual([]);
    // A template paused or deleted in WhatsApp Manager is gone after the next fetch.
    await storage().transaction((tx) => tx.channels.replaceTemplates('wa', [template('order_update', 'en_US')], 60));
    expect(await channels.listTemplates('wa')).toEqual([template('order_update', 'en_US')]);
    await storage().transaction((tx) => tx.channels.replaceTemplates('wa', [], 70));
    expect(await channels.listTemplates('wa')).toEqual([]);
  });

  it('keeps the template a queued reply is, and none for free text', async () => {
    const choice = { name: 'order_update', language: 'en_US', parameters: ['Kim', 'A-1042'] };
    await storage().transaction(async ({ channels }) => {
      await channels.enqueueSend({ messageId: 'm2', tenantId: 'acme', accountId: 'wa', recipient: '4917', at: 5, template: choice });
      await channels.enqueueSend({ messageId: 'm3', tenantId: 'acme', accountId: 'wa', recipient: '4917', at: 6 });
    });
    const { channels } = storage();
    expect(await channels.findSendTemplate('m2')).toEqual(choice);
    expect(await channels.findSendTemplate('m3')).toBeNull();
    expect(await channels.findSendTemplate('nope')).toBeNull();
    expect((await channels.findSend('m2'))?.state).toBe('queued');
  });
});
