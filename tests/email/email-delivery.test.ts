import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfFile } from '../../src-relay/files/testing/sample-files.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import { ACME, login, seedDatabase, tempDatabase, testCore, type TempDatabase } from '../../src-relay/testing/test-relay.js';
import { emailOriginalPath, EmailOriginalView } from '../../src-shared/protocol/email.js';
import { TEST_CHANNEL_SETTINGS, TestDesk, deliveriesOf, messagesOf } from '../channels/channel-relay.js';
import { DeskFiles } from '../channels/desk-files.js';
import { waitFor } from '../support/wait.js';
import { CaptureSmtp } from './capture-smtp.js';
import { dkimFailure } from './dkim-verify.js';
import { connectMailbox, mailboxCredentials } from './email-test-relay.js';

/**
 * Email end to end on loopback: a customer's mail reaches the relay's SMTP receiver (direct
 * delivery) and the desk; the agent's reply leaves through the mailbox's SMTP server (a capturing
 * smtp-server), signed with DKIM and threaded; the customer's answer joins the conversation; a
 * 5xx becomes "Not delivered", a 4xx is tried again.
 */
describe('email through SMTP, in and out', () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
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
    const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { secretsKey } = await connectMailbox(core, mailboxCredentials(capture.port, { dkimDomain: 'acme.test', dkimSelector: 'mail2026', dkimPrivateKey: privateKey, signature: 'Acme Support · +1 555 0100' }));
    await core.store.close();
    relay = await startRelay({ dbPath: database.dbPath, channels: { ...TEST_CHANNEL_SETTINGS, secretsKey }, smtpReceiver: { port: 0, host: '127.0.0.1', maxBytes: 200_000 } });
    ann = await TestDesk.signIn(relay.url, 'ann@acme.test');
  });
  afterAll(async () => {
    ann.close();
    await relay.close();
    await capture.close();
    await database.remove();
  });

  /** The customer's mail server handing a mail to the relay's receiver. */
  function deliver(mail: SendMailOptions) {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: relay.smtpPort ?? 0, secure: false, ignoreTLS: true });
    return transport.sendMail(mail).finally(() => transport.close());
  }

  const messages = (events: readonly SyncEvent[]) => messagesOf(events, conversationId);

  it("refuses recipients it does not serve at RCPT with 550, and takes the mailbox's", async () => {
    await expect(deliver({ from: 'kim@example.com', to: 'sales@acme.test', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    await expect(deliver({ from: 'kim@example.com', to: 'nobody@elsewhere.test', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    await expect(deliver({ from: 'kim@example.com', to: 'support@acme.test', subject: 'big', text: 'x'.repeat(300_000) })).rejects.toMatchObject({ responseCode: 552 });
    await deliver({
      from: 'Kim Lee <kim@example.com>',
      to: 'support@acme.test',
      subject: 'Where is order 77?',
      messageId: '<order77-first@example.com>',
      text: 'Hello, my order 77 has not arrived. I paid with 4111 1111 1111 1111.',
      html: '<p>Hello, my order 77 has not arrived. I paid with 4111 1111 1111 1111.</p><img src="https://track.example.com/p.gif">',
    });
    const conversation = await ann.until('the email conversation', (events) => {
      for (const event of events) if (event.data.type === 'conversation.upserted' && event.data.conversation.channel === 'email') return event.data.conversation;
      return undefined;
    });
    conversationId = conversation.id;
    expect(conversation.customerName).toBe('Kim Lee');
    const [first] = await ann.until('the mail', (events) => messages(events).length > 0 && messages(events));
    // The card number reaches the desk masked, and so does the original (docs/privacy.md).
    expect(first?.body).toBe('Hello, my order 77 has not arrived. I paid with •••• 1111.');

    // "Show original": for whoever may act on the conversation; anyone else hears only "not found".
    const original = async (email: string, messageId: string) => {
      const { token } = await login(relay.url, email);
      return fetch(relay.url + emailOriginalPath(messageId), { headers: { authorization: `Bearer ${token}` } });
    };
    const shown = await original('ann@acme.test', first?.id ?? '');
    expect(shown.status).toBe(200);
    const view = EmailOriginalView.parse(await shown.json());
    expect(view).toMatchObject({ from: 'kim@example.com', subject: 'Where is order 77?', kind: 'customer' });
    expect(view.html).toContain('data-remote-src="https://track.example.com/p.gif"');
    expect(view.html).not.toMatch(/ src="https:/);
    expect(view.text).toBe('Hello, my order 77 has not arrived. I paid with •••• 1111.');
    expect(JSON.stringify(view)).not.toContain('4111');
    expect((await original('cid@acme.test', first?.id ?? '')).status).toBe(404);
    expect((await original('ann@acme.test', randomUUID())).status).toBe(404);
  });

  it("sends the agent's reply through SMTP, threaded, with the relay's Message-ID, the signature, and a DKIM signature that verifies", async () => {
    const messageId = randomUUID();
    await ann.push({ kind: 'reply.send', conversationId, messageId, body: 'It left our warehouse today.' });
    const sent = await waitFor('the reply at the SMTP server', () => capture.mails[0]);
    expect(sent.to).toEqual(['kim@example.com']);
    expect(capture.logins).toContain('support@acme.test');
    const mail = await simpleParser(sent.raw);
    expect(mail.messageId).toBe(`<${messageId}@acme.test>`);
    expect(mail.inReplyTo).toBe('<order77-first@example.com>');
    expect(mail.references).toBe('<order77-first@example.com>');
    expect(mail.subject).toMatch(/^Re: Where is order 77\? \[#[A-Z0-9]{8}\]$/);
    expect(mail.replyTo?.value[0]?.address).toMatch(/^support\+[a-z0-9]{12}@acme\.test$/);
    expect(mail.from?.value[0]).toEqual({ address: 'support@acme.test', name: 'Acme Support' });
    expect(mail.text).toContain('It left our warehouse today.\n\n-- \nAcme Support · +1 555 0100');
    expect(mail.html).toContain('It left our warehouse today.');
    expect(sent.raw.toString('latin1')).toMatch(/Content-Type: multipart\/alternative/);
    expect(dkimFailure(sent.raw, keys.publicKey)).toBeNull();
    expect(sent.raw.toString('latin1')).toMatch(/DKIM-Signature: [^]*d=acme\.test;[^]*s=mail2026;/);
    // The check can fail: a changed body or another key is refused.
    expect(dkimFailure(Buffer.from(sent.raw.toString('latin1').replace('warehouse', 'wareh0use'), 'latin1'), keys.publicKey)).toMatch(/body hash/);
    expect(dkimFailure(sent.raw, generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey)).toBe('the signature does not verify');
    await ann.until('the reply marked sent', (events) => deliveriesOf(events, messageId).some((delivery) => delivery.state === 'sent'));

    // The customer answers from a client that keeps the headers: the same conversation.
    await deliver({ from: 'kim@example.com', to: 'support@acme.test', subject: mail.subject, inReplyTo: mail.messageId, references: [mail.messageId ?? ''], text: 'Great, thanks!\n\nOn Monday, Acme Support wrote:\n> It left our warehouse today.' });
    const answer = await ann.until('the answer in the conversation', (events) => messages(events).find((m) => m.body.startsWith('Great')));
    expect(answer.body).toBe('Great, thanks!');
  });

  it("attaches the agent's files to the reply, byte for byte", async () => {
    const files = await DeskFiles.signIn(relay.url, 'ann@acme.test');
    const pdf = pdfFile();
    const attachments = [await files.upload(pdf, 'invoice.pdf', 'document')];
    const messageId = randomUUID();
    const before = capture.mails.length;
    await ann.push({ kind: 'reply.send', conversationId, messageId, body: 'Your invoice is attached.', attachments });
    const sent = await waitFor('the reply with its file at the SMTP server', () => capture.mails[before]);
    const mail = await simpleParser(sent.raw);
    expect(mail.messageId).toBe(`<${messageId}@acme.test>`);
    expect(mail.attachments.map((file) => [file.filename, file.contentType])).toEqual([['invoice.pdf', 'application/pdf']]);
    expect(mail.attachments[0]!.content.equals(pdf)).toBe(true);
    expect(dkimFailure(sent.raw, keys.publicKey)).toBeNull();
  });

  it('shows a 5xx as Not delivered with the server\'s words, and tries a 4xx again', async () => {
    capture.refuseNext(550, '5.7.1 Message rejected as spam');
    const refused = randomUUID();
    await ann.push({ kind: 'reply.send', conversationId, messageId: refused, body: 'Here is your refund code.' });
    const failed = await ann.until('the refusal', (events) => deliveriesOf(events, refused).find((d) => d.state === 'failed'));
    expect(failed).toMatchObject({ failure: 'undeliverable' });
    expect(failed.detail).toMatch(/^Not delivered: 550 5\.7\.1 Message rejected as spam/);

    capture.refuseNext(451, '4.3.0 Try again later');
    const retried = randomUUID();
    const before = capture.mails.length;
    await ann.push({ kind: 'reply.send', conversationId, messageId: retried, body: 'Second try.' });
    await ann.until('the retried reply sent', (events) => deliveriesOf(events, retried).some((d) => d.state === 'sent'));
    expect(capture.mails.length).toBe(before + 1);
    expect(capture.refusals).toEqual([]);
  });
});
