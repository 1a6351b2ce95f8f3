import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { ACME, login, seedDatabase, tempDatabase, testCore, type TempDatabase } from '../../src-relay/testing/test-relay.js';
import { ADMIN_CHANNELS_PATH, ChannelAccountList } from '../../src-shared/protocol/channels/accounts.js';
import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import { TEST_CHANNEL_SETTINGS, TestDesk } from '../channels/channel-relay.js';
import { waitFor } from '../support/wait.js';
import { CaptureSmtp } from './capture-smtp.js';
import { connectMailbox, mailboxCredentials } from './email-test-relay.js';
import { dovecotAvailable, startDovecot, type RunningDovecot } from './support/dovecot.js';
import { openMailbox } from './support/mail-writer.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Customer mails, as they arrive in the mailbox's folders on the company's IMAP server. */
function customerMail(from: string, messageId: string, subject: string, text: string, date = new Date()): string {
  return [`From: ${from}`, 'To: support@acme.test', `Subject: ${subject}`, `Message-ID: ${messageId}`, `Date: ${date.toUTCString()}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n');
}

const bodiesOf = (events: readonly SyncEvent[]) => events.flatMap((event) => (event.data.type === 'message.created' ? [event.data.message.body] : []));

/**
 * The relay's own IMAP intake, end to end: Dovecot's folders the administrator chose (INBOX and
 * Support, 3 days of first import) → the inbound pipeline → an agent's desk.
 */
describe.skipIf(!dovecotAvailable())('email from an IMAP mailbox', () => {
  let dovecot: RunningDovecot;
  let capture: CaptureSmtp;
  let database: TempDatabase;
  let relay: RunningRelay;
  let writer: ImapFlow;
  let ann: TestDesk;

  beforeAll(async () => {
    dovecot = await startDovecot();
    capture = await CaptureSmtp.start();
    database = await tempDatabase();
    await seedDatabase(database.dbPath, ACME);
    const core = testCore(database.dbPath);
    const imap = { imapHost: dovecot.host, imapPort: String(dovecot.port), imapSecurity: 'none', imapUser: dovecot.user, imapPassword: dovecot.password, directDelivery: 'off', imapFolders: 'INBOX, Support', imapImportDays: '3' };
    // Mail already in the second folder before the first connection: one inside the 3 days, one before.
    writer = await openMailbox(dovecot);
    await writer.mailboxCreate('Support');
    const [recent, old] = [new Date(Date.now() - 2 * DAY_MS), new Date(Date.now() - 10 * DAY_MS)];
    await writer.append('Support', customerMail('Ana <ana@example.org>', '<support-recent@example.org>', 'Refund', 'Two days ago: my refund?', recent), [], recent);
    await writer.append('Support', customerMail('Ana <ana@example.org>', '<support-old@example.org>', 'Old question', 'Ten days ago: an old question.', old), [], old);
    const { secretsKey } = await connectMailbox(core, mailboxCredentials(capture.port, imap));
    await core.store.blockedSenders.block('acme', { kind: 'domain', value: 'spam.example', blockedAt: 1, blockedBy: 'admin' });
    await core.store.close();
    relay = await startRelay({ dbPath: database.dbPath, channels: { ...TEST_CHANNEL_SETTINGS, secretsKey }, imap: { intervalMs: 200, timing: { pollIntervalMs: 200 } } });
    ann = await TestDesk.signIn(relay.url, 'ann@acme.test');
  }, 30_000);
  afterAll(async () => {
    await writer?.logout();
    ann?.close();
    await relay?.close();
    await capture?.close();
    await database?.remove();
    await dovecot?.stop();
  });

  it('brings a mail to the desk once, even when the server holds it twice, and drops a blocked sender', async () => {
    await writer.append('INBOX', customerMail('Spammer <offers@mail.spam.example>', '<offer-1@mail.spam.example>', 'Cheap watches', 'Buy now.'));
    const mail = customerMail('Kim <kim@example.com>', '<where-77@example.com>', 'Where is order 77?', 'Hello, where is my order 77?');
    await writer.append('INBOX', mail);
    // The same mail again (a client's resend, a server-side copy): one message on the desk.
    await writer.append('INBOX', mail);
    await writer.append('INBOX', customerMail('Kim <kim@example.com>', '<where-77-again@example.com>', 'Re: Where is order 77?', 'Any news?'));

    const events = await ann.until('both of Kim’s mails on the desk', (all) => (bodiesOf(all).includes('Any news?') ? all : undefined));
    const bodies = bodiesOf(events);
    expect(bodies.filter((body) => body === 'Hello, where is my order 77?')).toHaveLength(1);
    expect(bodies.some((body) => body.includes('Buy now'))).toBe(false);
  });

  it("reads a second folder on its own: its first import takes the administrator's 3 days, then its new mail", async () => {
    await ann.until('the recent mail of Support', (all) => bodiesOf(all).includes('Two days ago: my refund?'));
    await writer.append('Support', customerMail('Ana <ana@example.org>', '<support-new@example.org>', 'Re: Refund', 'Any news on the refund?'));
    const events = await ann.until('the new mail of Support', (all) => (bodiesOf(all).includes('Any news on the refund?') ? all : undefined));
    expect(bodiesOf(events).filter((body) => body === 'Two days ago: my refund?')).toHaveLength(1);
    expect(bodiesOf(events).some((body) => body.includes('an old question'))).toBe(false);
  });

  it("shows the administrator each folder's import (found, imported), when it was last read, and why a mailbox cannot be read, in plain words", async () => {
    const admin = async (method: 'GET' | 'POST', body?: unknown) => {
      const { token } = await login(relay.url, 'root@acme.test');
      const response = await fetch(relay.url + ADMIN_CHANNELS_PATH, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const folders = async () => ChannelAccountList.parse((await admin('GET')).body).mailFolders;
    const [inbox, support] = await folders();
    expect(inbox).toMatchObject({ folder: 'INBOX', importing: false, lastError: null, syncedAt: expect.any(Number) });
    // Support's first import found the one mail inside its 3 days (the older one is not counted), and imported it.
    expect(support).toMatchObject({ folder: 'Support', importing: false, found: 1, imported: 1, lastError: null, syncedAt: expect.any(Number) });

    // Another mailbox on the same server, with a password the server refuses: its folder says so.
    const wrong = { address: 'sales@acme.test', fromName: 'Acme Sales', smtpHost: '127.0.0.1', smtpPort: String(capture.port), smtpSecurity: 'none', smtpUser: 'sales@acme.test', smtpPassword: 'app-password-5678', imapHost: dovecot.host, imapPort: String(dovecot.port), imapSecurity: 'none', imapUser: dovecot.user, imapPassword: 'not-the-password' };
    expect((await admin('POST', { provider: 'email', displayName: 'Acme sales mail', teamId: 'team-a', credentials: wrong })).status).toBe(201);
    const refused = await waitFor('the refused sign-in', async () => (await folders()).find((folder) => folder.lastError !== null));
    expect(refused).toMatchObject({ folder: 'INBOX', importing: true, found: 0, imported: 0, syncedAt: null });
    expect(refused.lastError).toMatch(new RegExp(`^Can't sign in to ${dovecot.host.replaceAll('.', '\\.')}: the server refused the user name or password`));
    expect(JSON.stringify((await admin('GET')).body)).not.toContain('not-the-password');
  });
});
