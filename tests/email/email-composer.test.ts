import { randomUUID } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfFile } from '../../src-relay/files/testing/sample-files.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { ACME, addTestConversation, seedDatabase, tempDatabase, testCore, type TempDatabase } from '../../src-relay/testing/test-relay.js';
import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import { TEST_CHANNEL_SETTINGS, TestDesk, deliveriesOf, messagesOf } from '../channels/channel-relay.js';
import { DeskFiles } from '../channels/desk-files.js';
import { waitFor } from '../support/wait.js';
import { CaptureSmtp } from './capture-smtp.js';
import { connectMailbox, mailboxCredentials } from './email-test-relay.js';

const addresses = (field: AddressObject | AddressObject[] | undefined) => (field ? [field].flat().flatMap((group) => group.value.map((a) => a.address)) : []);

/**
 * What the email composer adds to a reply, through the relay to a real SMTP server: the agent's
 * subject line, CC in the headers and BCC in the envelope only, the customer's last mail quoted,
 * the signature in the customer's language, and a forward with its files to someone else, kept in
 * the thread; refused on other channels and for messages of other conversations.
 */
describe('email composer fields, through SMTP', () => {
  let capture: CaptureSmtp;
  let database: TempDatabase;
  let relay: RunningRelay;
  let ann: TestDesk;
  let conversationId: string;

  beforeAll(async () => {
    capture = await CaptureSmtp.start();
    database = await tempDatabase();
    await seedDatabase(database.dbPath, ACME);
    const core = testCore(database.dbPath);
    await core.store.conversations.insertCustomer('acme', { id: 'cust', name: 'Kim', language: 'en', market: null, createdAt: 0 });
    await addTestConversation(core, 'web-1', 'ann');
    const signatures = '[en]\nThe Acme team\n[ja]\nアクメ サポート';
    const { secretsKey, account } = await connectMailbox(core, mailboxCredentials(capture.port, { signature: 'Acme Support', signatures }));
    // A thread the team starts: nothing of the customer's to answer yet.
    await addTestConversation(core, 'mail-new', 'ann', { channel: 'email' });
    await core.store.email.insertThread({ conversationId: 'mail-new', tenantId: 'acme', accountId: account.id, customerAddress: 'jo@example.com', subject: '', replyToken: 'newmail12345' });
    await core.store.close();
    relay = await startRelay({ dbPath: database.dbPath, channels: { ...TEST_CHANNEL_SETTINGS, secretsKey }, smtpReceiver: { port: 0, host: '127.0.0.1' } });
    ann = await TestDesk.signIn(relay.url, 'ann@acme.test');
    await deliver({ from: 'Kim Lee <kim@example.com>', to: 'support@acme.test', subject: 'Broken kettle', messageId: '<kettle-1@example.com>', text: 'My kettle arrived broken.' });
    const conversation = await ann.until('the email conversation', (events) => {
      for (const event of events) if (event.data.type === 'conversation.upserted' && event.data.conversation.channel === 'email' && event.data.conversation.id !== 'mail-new') return event.data.conversation;
      return undefined;
    });
    conversationId = conversation.id;
  });
  afterAll(async () => {
    ann?.close();
    await relay?.close();
    await capture?.close();
    await database?.remove();
  });

  function deliver(mail: SendMailOptions) {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: relay.smtpPort ?? 0, secure: false, ignoreTLS: true });
    return transport.sendMail(mail).finally(() => transport.close());
  }
  const messages = (events: readonly SyncEvent[]) => messagesOf(events, conversationId);

  it('sends the subject line, CC and the quote; BCC goes in the envelope and never in the mail', async () => {
    const messageId = randomUUID();
    const email = { subject: 'Re: Your new kettle', cc: ['lee@example.org'], bcc: ['boss@acme.test'], quote: true };
    expect(await ann.push({ kind: 'reply.send', conversationId, messageId, body: 'A new kettle is on its way.', email })).toEqual([]);
    const sent = await waitFor('the reply at the SMTP server', () => capture.mails[0]);
    expect(sent.to.sort()).toEqual(['boss@acme.test', 'kim@example.com', 'lee@example.org']);
    const raw = sent.raw.toString('utf8');
    expect(raw).not.toMatch(/^bcc:/im);
    expect(raw).not.toContain('boss@acme.test');
    const mail = await simpleParser(sent.raw);
    expect(addresses(mail.to)).toEqual(['kim@example.com']);
    expect(addresses(mail.cc)).toEqual(['lee@example.org']);
    expect(mail.subject).toMatch(/^Re: Your new kettle \[#[A-Z0-9]{8}\]$/);
    expect(mail.inReplyTo).toBe('<kettle-1@example.com>');
    expect(mail.text).toMatch(/^A new kettle is on its way\.\n\n-- \nThe Acme team\n\nOn .+ GMT, Kim Lee <kim@example\.com> wrote:\n> My kettle arrived broken\.\n?$/);
    expect(mail.html).toMatch(/<blockquote type="cite"[^>]*>My kettle arrived broken\.<\/blockquote>/);
    await ann.until('the reply sent', (events) => deliveriesOf(events, messageId).some((d) => d.state === 'sent'));
  });

  it('forwards a message with its files to another address, kept in the thread, as a new thread for its recipient', async () => {
    const files = await DeskFiles.signIn(relay.url, 'ann@acme.test');
    const pdf = pdfFile();
    const withFile = randomUUID();
    await ann.push({ kind: 'reply.send', conversationId, messageId: withFile, body: 'Your invoice.', attachments: [await files.upload(pdf, 'invoice.pdf', 'document')] });
    await waitFor('the reply with the invoice', () => capture.mails[1]);

    const forward = randomUUID();
    expect(await ann.push({ kind: 'reply.send', conversationId, messageId: forward, body: 'Can you refund this?', email: { forward: { messageId: withFile, to: 'billing@acme.test' } } })).toEqual([]);
    const sent = await waitFor('the forward at the SMTP server', () => capture.mails[2]);
    expect(sent.to).toEqual(['billing@acme.test']);
    const mail = await simpleParser(sent.raw);
    expect(mail.subject).toBe('Fwd: Broken kettle');
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.text).toContain('Can you refund this?');
    expect(mail.text).toContain('---------- Forwarded message ---------\nFrom: Ann');
    expect(mail.text).toContain('Your invoice.');
    expect(mail.attachments.map((file) => file.filename)).toEqual(['invoice.pdf']);
    expect(mail.attachments[0]!.content.equals(pdf)).toBe(true);
    const kept = await ann.until('the forward in the thread', (events) => messages(events).find((m) => m.id === forward));
    expect(kept.attachments?.map((file) => file.name)).toEqual(['invoice.pdf']);
    await ann.until('the forward sent', (events) => deliveriesOf(events, forward).some((d) => d.state === 'sent'));
  });

  it("forwards the customer's mail as they sent it", async () => {
    const [kims] = (await ann.until('the mail', (events) => messages(events).filter((m) => m.author === 'customer'))) ?? [];
    const before = capture.mails.length;
    expect(await ann.push({ kind: 'reply.send', conversationId, messageId: randomUUID(), body: 'FYI', email: { forward: { messageId: kims?.id ?? '', to: 'ops@acme.test' } } })).toEqual([]);
    const mail = await simpleParser((await waitFor('the forward', () => capture.mails[before])).raw);
    expect(mail.text).toContain('From: Kim Lee <kim@example.com>');
    expect(mail.text).toContain('Subject: Broken kettle\n\nMy kettle arrived broken.');
  });

  it('sends a new mail only with a subject, as the start of a thread', async () => {
    const without = await ann.push({ kind: 'reply.send', conversationId: 'mail-new', messageId: randomUUID(), body: 'Your order 42 is ready.' });
    expect(without).toMatchObject([{ code: 'invalid', message: 'A new mail needs a subject: enter one above the text.' }]);
    const before = capture.mails.length;
    expect(await ann.push({ kind: 'reply.send', conversationId: 'mail-new', messageId: randomUUID(), body: 'Your order 42 is ready.', email: { subject: 'Order 42 is ready' } })).toEqual([]);
    const sent = await waitFor('the new mail', () => capture.mails[before]);
    expect(sent.to).toEqual(['jo@example.com']);
    const mail = await simpleParser(sent.raw);
    expect(mail.subject).toBe('Order 42 is ready [#NEWMAIL1]');
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.replyTo?.value[0]?.address).toBe('support+newmail12345@acme.test');
  });

  it('refuses email fields on another channel, a forward of a message of another conversation, and bad addresses', async () => {
    const onChat = await ann.push({ kind: 'reply.send', conversationId: 'web-1', messageId: randomUUID(), body: 'Hi', email: { cc: ['lee@example.org'] } });
    expect(onChat).toMatchObject([{ code: 'invalid', message: 'A subject, CC, BCC and forwarding are for email conversations only.' }]);
    const chatMessage = randomUUID();
    expect(await ann.push({ kind: 'reply.send', conversationId: 'web-1', messageId: chatMessage, body: 'Hello from the chat' })).toEqual([]);
    const elsewhere = await ann.push({ kind: 'reply.send', conversationId, messageId: randomUUID(), body: 'x', email: { forward: { messageId: chatMessage, to: 'ops@acme.test' } } });
    expect(elsewhere).toMatchObject([{ code: 'not_found', message: 'The message to forward is not in this conversation.' }]);
    const bad = await ann.push({ kind: 'reply.send', conversationId, messageId: randomUUID(), body: 'x', email: { cc: ['not-an-address'] } });
    expect(bad).toHaveLength(1);
  });
});
