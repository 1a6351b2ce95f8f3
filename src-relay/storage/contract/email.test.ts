import { beforeEach, expect, it } from 'vitest';
import type { EmailOriginal, EmailThread } from '../port/email.js';
import type { RelayStorage } from '../port/relay-storage.js';
import { describeStorage } from './adapters.js';
import { conversationOf, messageOf, seedTenants } from './fixtures.js';

const thread: EmailThread = { conversationId: 'c1', tenantId: 'acme', accountId: 'em', customerAddress: 'kim@example.com', subject: 'Order 42', replyToken: 'k7q2mxab9z3c' };

const original = (messageId: string, over: Partial<EmailOriginal> = {}): EmailOriginal => ({
  messageId,
  tenantId: 'acme',
  conversationId: 'c1',
  accountId: 'em',
  headerMessageId: `<${messageId}@mail.example.com>`,
  references: [],
  kind: 'customer',
  fromAddress: 'kim@example.com',
  subject: 'Order 42',
  text: 'Hello\n> quoted',
  html: null,
  receivedAt: 10,
  ...over,
});

/** Acme's mailbox `em`; email conversation c1 with Kim's mails m1, m2 (an auto-reply) and m3. */
async function seedEmail(storage: RelayStorage): Promise<void> {
  await seedTenants(storage);
  await storage.transaction(async ({ channels, conversations }) => {
    await channels.insertAccount({ id: 'em', tenantId: 'acme', provider: 'email', displayName: 'Support', teamId: 'team-a', webhookToken: 'token-em', sealedCredentials: 's', createdAt: 1 });
    await conversations.insertConversation('acme', conversationOf('c1', { channel: 'email' }));
    for (const id of ['m1', 'm2', 'm3']) await conversations.insertMessage('acme', messageOf(id, 'c1'), null);
  });
}

describeStorage('email threads and originals', (storage) => {
  beforeEach(() => seedEmail(storage()));

  it('finds a thread by conversation, by reply token within its tenant, and by subject tag within its mailbox', async () => {
    const { email } = storage();
    await email.insertThread(thread);
    expect(await email.findThread('c1')).toEqual(thread);
    expect(await email.findThreadByToken('acme', 'k7q2mxab9z3c')).toEqual(thread);
    expect(await email.findThreadByToken('globex', 'k7q2mxab9z3c')).toBeNull();
    expect(await email.findThreadByTag('em', 'k7q2mxab')).toEqual(thread);
    expect(await email.findThreadByTag('em', 'K7Q2MXAC')).toBeNull();
    await expect(email.insertThread({ ...thread, conversationId: 'c2' })).rejects.toThrow();
  });

  it('keeps originals with their references, found by Message-ID within the tenant; the latest customer mail skips auto-replies', async () => {
    const { email } = storage();
    await email.insertOriginal(original('m1', { references: ['<a@x>', '<b@x>'], html: '<p>Hello</p>' }));
    await email.insertOriginal(original('m2', { kind: 'auto-reply', receivedAt: 30 }));
    await email.insertOriginal(original('m3', { headerMessageId: null, receivedAt: 20 }));
    expect(await email.findOriginal('m1')).toEqual(original('m1', { references: ['<a@x>', '<b@x>'], html: '<p>Hello</p>' }));
    expect(await email.findByHeaderMessageId('acme', '<m1@mail.example.com>')).toEqual({ messageId: 'm1', conversationId: 'c1' });
    expect(await email.findByHeaderMessageId('globex', '<m1@mail.example.com>')).toBeNull();
    expect((await email.latestCustomerMail('c1'))?.messageId).toBe('m3');
  });

  it("keeps a reply's email fields once, and reads none for a reply without them", async () => {
    const { email } = storage();
    const fields = { subject: 'Re: Order 42', cc: ['lee@example.org'], bcc: ['boss@acme.test'], quote: true };
    await email.insertReply({ messageId: 'm2', tenantId: 'acme', conversationId: 'c1', reply: fields });
    expect(await email.findReply('m2')).toEqual(fields);
    expect(await email.findReply('m1')).toBeNull();
    await expect(email.insertReply({ messageId: 'm2', tenantId: 'acme', conversationId: 'c1', reply: {} })).rejects.toThrow();
  });

  it('forgets a conversation\'s thread, originals and reply fields when it is erased', async () => {
    const { email } = storage();
    await email.insertThread(thread);
    await email.insertOriginal(original('m1'));
    await email.insertReply({ messageId: 'm2', tenantId: 'acme', conversationId: 'c1', reply: { cc: ['lee@example.org'] } });
    await storage().transaction((tx) => tx.conversations.eraseConversation('acme', 'c1', 99));
    expect(await email.findThread('c1')).toBeNull();
    expect(await email.findOriginal('m1')).toBeNull();
    expect(await email.findReply('m2')).toBeNull();
  });
});
