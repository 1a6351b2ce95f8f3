import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialBox } from '../../src-relay/channels/credential-box.js';
import { MailAccessTokens } from '../../src-relay/channels/email/oauth2/access-tokens.js';
import { MICROSOFT_APP_SCOPE } from '../../src-relay/channels/email/oauth2/oauth2-grant.js';
import { watchFolder } from '../../src-relay/email/imap/folder-watcher.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { ACME, login, seedDatabase, tempDatabase, testCore, type TempDatabase } from '../../src-relay/testing/test-relay.js';
import { ADMIN_CHANNELS_PATH } from '../../src-shared/protocol/channels/accounts.js';
import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import { TEST_CHANNEL_SETTINGS, TestDesk, deliveriesOf, firstConversationOn } from '../channels/channel-relay.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait.js';
import { CaptureSmtp } from './capture-smtp.js';
import { connectMailbox, mailboxCredentials } from './email-test-relay.js';
import { dovecotAvailable, startDovecot, type RunningDovecot } from './support/dovecot.js';
import { openMailbox } from './support/mail-writer.js';
import { FakeOAuth2Server } from './support/oauth2-server.js';
import { DeliveryLog, openRelayStore, watchedFolder } from './support/watched-relay.js';

function customerMail(messageId: string, subject: string, text: string): string {
  return ['From: Kim <kim@example.com>', 'To: support@acme.test', `Subject: ${subject}`, `Message-ID: ${messageId}`, `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n');
}

const bodiesOf = (events: readonly SyncEvent[]) => events.flatMap((event) => (event.data.type === 'message.created' ? [event.data.message.body] : []));

/**
 * A mailbox signed in with OAuth2, as Microsoft 365 serves one: Dovecot takes only XOAUTH2 logins
 * (its oauth2 passdb asks the provider's introspection endpoint about each token), the SMTP server
 * only XOAUTH2 ones with an active token, and the relay gets its tokens from the provider's token
 * endpoint with the refresh token the administrator entered.
 */
describe.skipIf(!dovecotAvailable())('an email mailbox signed in with OAuth2', () => {
  let fake: FakeOAuth2Server;
  let dovecot: RunningDovecot;
  let capture: CaptureSmtp;
  let database: TempDatabase;
  let secretsKey: Buffer;
  let accountId: string;
  let relay: RunningRelay;
  let writer: ImapFlow;
  let ann: TestDesk;
  let conversationId: string;
  let entered: string;
  let proxy: TcpProxy;

  const reply = async (body: string) => {
    const messageId = randomUUID();
    await ann.push({ kind: 'reply.send', conversationId, messageId, body });
    return ann.until(`the outcome of "${body}"`, (events) => deliveriesOf(events, messageId).find((delivery) => delivery.state === 'sent' || delivery.state === 'failed'));
  };
  /** The mailbox's credentials as sealed in the database. */
  const stored = async () => {
    const core = testCore(database.dbPath);
    try {
      const account = await core.store.channels.findAccount(accountId);
      return { sealed: account?.sealedCredentials ?? '', credentials: CredentialBox.withKey(secretsKey).open(account?.sealedCredentials ?? '', accountId) as Record<string, string> };
    } finally {
      await core.store.close();
    }
  };

  beforeAll(async () => {
    fake = await FakeOAuth2Server.start();
    dovecot = await startDovecot({ oauth2IntrospectionUrl: fake.introspectionUrl, oauth2Mechanisms: ['xoauth2'] });
    proxy = await startTcpProxy(dovecot);
    capture = await CaptureSmtp.start({ ownerOfToken: (token) => (fake.ownerOf(token) === dovecot.user ? 'support@acme.test' : null) });
    database = await tempDatabase();
    await seedDatabase(database.dbPath, ACME);
    const core = testCore(database.dbPath);
    entered = fake.consent(dovecot.user);
    const credentials = mailboxCredentials(capture.port, {
      imapHost: dovecot.host,
      imapPort: String(proxy.port),
      imapSecurity: 'none',
      imapUser: dovecot.user,
      directDelivery: 'off',
      signIn: 'oauth2',
      oauthProvider: 'other',
      oauthTokenUrl: fake.tokenUrl,
      oauthClientId: fake.client.id,
      oauthClientSecret: fake.client.secret,
      oauthRefreshToken: entered,
    });
    delete credentials.smtpPassword;
    const connected = await connectMailbox(core, credentials);
    secretsKey = connected.secretsKey;
    accountId = connected.account.id;
    await core.store.close();
    writer = await openMailbox(dovecot);
    relay = await startRelay({ dbPath: database.dbPath, channels: { ...TEST_CHANNEL_SETTINGS, timeoutMs: 3_000, secretsKey }, imap: { intervalMs: 200, timing: { pollIntervalMs: 200, firstBackoffMs: 100 } } });
    ann = await TestDesk.signIn(relay.url, 'ann@acme.test');
  }, 30_000);
  afterAll(async () => {
    await writer?.logout();
    ann?.close();
    await relay?.close();
    await capture?.close();
    await database?.remove();
    await proxy?.close();
    await dovecot?.stop();
    await fake?.close();
  });

  it('reads mail from Dovecot and sends the reply through SMTP, both with one access token', async () => {
    await writer.append('INBOX', customerMail('<order-88@example.com>', 'Order 88', 'Where is order 88?'));
    const conversation = await ann.until('the mail from the IMAP mailbox', (events) => bodiesOf(events).includes('Where is order 88?') && firstConversationOn(events, 'email'));
    conversationId = conversation.id;
    expect(await reply('It ships today.')).toMatchObject({ state: 'sent' });
    expect(capture.logins).toEqual(['support@acme.test']);
    expect(capture.refusedLogins).toEqual([]);
    expect(fake.tokenRequests.map((request) => request.status)).toEqual([200]);
    // Dovecot took the same token, having asked the provider about it.
    expect(fake.introspections.length).toBeGreaterThan(0);
    expect(new Set(fake.introspections).size).toBe(1);
    expect(await dovecot.log()).toMatch(/Login: user=<support>, method=XOAUTH2/);
  });

  it('renews a token the servers stop taking, once, for SMTP and for an IMAP login again', async () => {
    fake.expireAccessTokens();
    expect(await reply('A second answer.')).toMatchObject({ state: 'sent' });
    expect(capture.refusedLogins).toEqual(['support@acme.test']);
    expect(fake.tokenRequests.map((request) => request.status)).toEqual([200, 200]);

    // The IMAP connection drops; the watcher logs in again with the token it keeps, refused now.
    fake.expireAccessTokens();
    await proxy.cut();
    await proxy.resume();
    await writer.append('INBOX', customerMail('<order-88-more@example.com>', 'Re: Order 88', 'Thanks, one more thing.'));
    await ann.until('the mail read after a renewed IMAP login', (events) => bodiesOf(events).includes('Thanks, one more thing.'));
    expect(fake.tokenRequests.map((request) => request.status)).toEqual([200, 200, 200]);
    expect((await dovecot.log()).match(/auth failed/g)?.length).toBe(1);
  });

  it('seals a refresh token the provider rotates, and uses it from then on', async () => {
    fake.rotate = true;
    fake.expireAccessTokens();
    expect(await reply('A third answer.')).toMatchObject({ state: 'sent' });
    const [rotated] = fake.liveRefreshTokens();
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(entered);
    const kept = await waitFor('the rotated refresh token sealed', async () => {
      const now = await stored();
      return now.credentials.oauthRefreshToken === rotated && now;
    });
    expect(kept.sealed).not.toContain(rotated);
    expect(kept.credentials.oauthClientSecret).toBe(fake.client.secret);

    // The entered token no longer works at the provider: a renewal succeeds only with the sealed one.
    fake.expireAccessTokens();
    expect(await reply('A fourth answer.')).toMatchObject({ state: 'sent' });
    expect(fake.tokenRequests.at(-1)).toMatchObject({ status: 200, form: { refresh_token: rotated } });
  });

  it('tells the administrator in plain words when the sign-in was revoked', async () => {
    for (const token of fake.liveRefreshTokens()) fake.revoke(token);
    fake.expireAccessTokens();
    const expected = `The sign-in to 127.0.0.1:${new URL(fake.url).port} was revoked or expired: connect the mailbox again`;
    expect(await reply('This one cannot leave.')).toMatchObject({ state: 'failed', failure: 'rejected', detail: expected });

    const { token } = await login(relay.url, 'root@acme.test');
    const tested = await fetch(`${relay.url}${ADMIN_CHANNELS_PATH}/${accountId}/test`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(await tested.json()).toEqual({ check: { ok: false, error: expected } });
  });

  it("shows a watcher's revoked sign-in in the same words, and tries again later", async () => {
    const store = await openRelayStore();
    const tokens = new MailAccessTokens();
    const revoked = fake.consent(dovecot.user);
    fake.revoke(revoked);
    const grant = { tokenUrl: fake.tokenUrl, clientId: fake.client.id, clientSecret: fake.client.secret, refreshToken: revoked, scope: null, issuerName: 'Google' };
    const connection = { host: dovecot.host, port: dovecot.port, security: 'none' as const, user: dovecot.user, oauth2: { grant: 'google', accessToken: (stale?: string) => tokens.accessToken(grant, { timeoutMs: 2_000, stale }) } };
    const before = fake.tokenRequests.length;
    const watcher = watchFolder({ folder: { ...watchedFolder(dovecot, 'INBOX'), connection }, store: store.storage.mailboxes, deliver: new DeliveryLog().deliver, timing: { firstBackoffMs: 50, maxBackoffMs: 100 } });
    try {
      await waitFor('the refusal as the watcher tells it', () => watcher.status().phase === 'retrying' && fake.tokenRequests.length >= before + 2);
      expect(watcher.status().lastError).toBe(`Reading "INBOX" on ${dovecot.host} failed: The sign-in to Google was revoked or expired: connect the mailbox again`);
      expect(fake.tokenRequests.slice(before).every((request) => request.status === 400)).toBe(true);
    } finally {
      await watcher.stop();
      await store.remove();
    }
  });

  it('reads a mailbox with app-only access (a service principal, no refresh token)', async () => {
    const store = await openRelayStore();
    const log = new DeliveryLog();
    fake.appMailbox = dovecot.user;
    const grant = { tokenUrl: fake.tokenUrl, clientId: fake.client.id, clientSecret: fake.client.secret, refreshToken: null, scope: MICROSOFT_APP_SCOPE, issuerName: 'Microsoft 365' };
    const tokens = new MailAccessTokens();
    const connection = { host: dovecot.host, port: dovecot.port, security: 'none' as const, user: dovecot.user, oauth2: { grant: 'app', accessToken: (stale?: string) => tokens.accessToken(grant, { timeoutMs: 2_000, stale }) } };
    const watcher = watchFolder({ folder: { ...watchedFolder(dovecot, 'INBOX'), connection }, store: store.storage.mailboxes, deliver: log.deliver, timing: { pollIntervalMs: 100 } });
    try {
      await waitFor('the INBOX read with an app token', () => log.delivered.includes('<order-88@example.com>') && watcher.status().phase === 'watching');
      expect(watcher.status()).toMatchObject({ phase: 'watching', lastError: null });
      expect(fake.tokenRequests.at(-1)?.form).toMatchObject({ grant_type: 'client_credentials', scope: MICROSOFT_APP_SCOPE });
    } finally {
      fake.appMailbox = null;
      await watcher.stop();
      await store.remove();
    }
  });
});
