import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { ACME, login, seedDatabase, tempDatabase, testCore, type TempDatabase } from '../../src-relay/testing/test-relay.js';
import { EMAIL_SENDERS_PATH, EmailSenders, NEW_EMAIL_PATH, NewEmailStarted } from '../../src-shared/protocol/email.js';
import { TEST_CHANNEL_SETTINGS, TestDesk, messagesOf } from '../channels/channel-relay.js';
import { waitFor } from '../support/wait.js';
import { CaptureSmtp } from './capture-smtp.js';
import { connectMailbox, mailboxCredentials } from './email-test-relay.js';

/**
 * A new mail from the desk to a customer who has not written: it opens a conversation held by the
 * agent, leaves through the mailbox's SMTP server with its subject and copies, and the customer's
 * answer joins it.
 */
describe('a new mail to a customer', () => {
  let capture: CaptureSmtp;
  let database: TempDatabase;
  let relay: RunningRelay;
  let accountId: string;
  let ann: TestDesk;

  beforeAll(async () => {
    capture = await CaptureSmtp.start();
    database = await tempDatabase();
    await seedDatabase(database.dbPath, ACME);
    const core = testCore(database.dbPath);
    const { account, secretsKey } = await connectMailbox(core, mailboxCredentials(capture.port));
    accountId = account.id;
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

  async function asAgent(email: string, path: string, body?: unknown): Promise<Response> {
    const { token } = await login(relay.url, email);
    const headers = { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) };
    return fetch(relay.url + path, body ? { method: 'POST', headers, body: JSON.stringify(body) } : { headers });
  }

  it('offers the mailboxes of the agent’s teams only', async () => {
    expect(EmailSenders.parse(await (await asAgent('ann@acme.test', EMAIL_SENDERS_PATH)).json())).toEqual([{ accountId, displayName: 'Acme support mail', teamId: 'team-a' }]);
    expect(EmailSenders.parse(await (await asAgent('cid@acme.test', EMAIL_SENDERS_PATH)).json())).toEqual([]);
  });

  it('opens a conversation held by the agent, sends the mail once, and the answer joins it', async () => {
    const messageId = randomUUID();
    const mail = { messageId, accountId, to: 'Lee@Example.org', subject: 'Your refund for order 91', body: 'Hello Lee, your refund was approved today.', cc: ['billing@example.org'] };
    const first = await asAgent('ann@acme.test', NEW_EMAIL_PATH, mail);
    expect(first.status).toBe(201);
    const { conversationId } = NewEmailStarted.parse(await first.json());
    // Asked again after a lost answer: the same conversation, no second mail.
    expect(NewEmailStarted.parse(await (await asAgent('ann@acme.test', NEW_EMAIL_PATH, mail)).json())).toEqual({ conversationId });

    const conversation = await ann.until('the new conversation', (events) => {
      for (const event of events) if (event.data.type === 'conversation.upserted' && event.data.conversation.id === conversationId) return event.data.conversation;
      return undefined;
    });
    expect(conversation).toMatchObject({ channel: 'email', assigneeId: 'ann', teamId: 'team-a', customerName: 'lee' });
    const sent = await waitFor('the mail at the SMTP server', () => capture.mails[0]);
    expect(sent.to.sort()).toEqual(['billing@example.org', 'lee@example.org']);
    const parsed = await simpleParser(sent.raw);
    expect(parsed.messageId).toBe(`<${messageId}@acme.test>`);
    expect(parsed.subject).toMatch(/^Your refund for order 91/);
    expect(parsed.text).toContain('your refund was approved today');
    expect(parsed.inReplyTo).toBeUndefined();

    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: relay.smtpPort ?? 0, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'lee@example.org', to: 'support@acme.test', subject: `Re: ${parsed.subject}`, inReplyTo: parsed.messageId, references: [parsed.messageId ?? ''], text: 'Thank you!' });
    transport.close();
    const answer = await ann.until('the answer', (events) => messagesOf(events, conversationId).find((m) => m.author === 'customer'));
    expect(answer.body).toBe('Thank you!');
    expect(capture.mails).toHaveLength(1);
  });

  it('answers a mailbox of another team as one that does not exist, and refuses a mail without a subject', async () => {
    const mail = (id: string) => ({ messageId: randomUUID(), accountId: id, to: 'kim@example.com', subject: 'Hello', body: 'Hi' });
    const otherTeam = await asAgent('cid@acme.test', NEW_EMAIL_PATH, mail(accountId));
    const none = await asAgent('cid@acme.test', NEW_EMAIL_PATH, mail(randomUUID()));
    expect(otherTeam.status).toBe(404);
    expect(await otherTeam.json()).toEqual(await none.json());
    const noSubject = await asAgent('ann@acme.test', NEW_EMAIL_PATH, { ...mail(accountId), subject: ' ' });
    expect(noSubject.status).toBe(400);
    expect(await noSubject.text()).toMatch(/needs a subject/);
  });
});
