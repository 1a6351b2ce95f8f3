import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmailCredentials } from '../../src-relay/channels/email/email-credentials.js';
import { checkEmailConnection, sendEmail } from '../../src-relay/channels/email/email-sender.js';
import { CaptureSmtp } from './capture-smtp.js';
import { mailboxCredentials } from './email-test-relay.js';
import { FakeOAuth2Server } from './support/oauth2-server.js';

/**
 * SMTP with XOAUTH2 against smtp-server, refusing a stale token as each provider does: Microsoft
 * 365 with 535 at once (the relay renews and logs in again), Gmail with a 334 challenge first
 * (nodemailer asks the relay's token cache for a renewed one itself). Either way: one renewal.
 */
describe.each(['microsoft', 'gmail'] as const)('an OAuth2 login to SMTP refused as %s does', (refuseAs) => {
  let fake: FakeOAuth2Server;
  let capture: CaptureSmtp;
  let credentials: EmailCredentials;
  const api = { baseUrl: 'smtp://', timeoutMs: 3_000 };

  beforeAll(async () => {
    fake = await FakeOAuth2Server.start();
    capture = await CaptureSmtp.start({ refuseAs, ownerOfToken: (token) => (fake.ownerOf(token) === 'support' ? 'support@acme.test' : null) });
    const values: Record<string, string> = mailboxCredentials(capture.port, {
      signIn: 'oauth2',
      oauthProvider: 'other',
      oauthTokenUrl: fake.tokenUrl,
      oauthClientId: fake.client.id,
      oauthClientSecret: fake.client.secret,
      oauthRefreshToken: fake.consent('support'),
    });
    delete values.smtpPassword;
    credentials = EmailCredentials.parse(values);
  });
  afterAll(async () => {
    await capture.close();
    await fake.close();
  });

  it('renews the token once and goes on; a revoked sign-in is not retried', async () => {
    expect(await checkEmailConnection(credentials, api)).toMatchObject({ ok: true });
    fake.expireAccessTokens();
    const sent = await sendEmail({ messageId: 'f1e2d3c4-0000-4000-8000-000000000001', recipient: 'kim@example.com', body: 'Hello again.' }, credentials, api);
    expect(sent).toMatchObject({ kind: 'sent' });
    expect(capture.mails).toHaveLength(1);
    expect(capture.refusedLogins).toEqual(['support@acme.test']);
    expect(fake.tokenRequests.map((request) => request.status)).toEqual([200, 200]);

    for (const token of fake.liveRefreshTokens()) fake.revoke(token);
    fake.expireAccessTokens();
    const refused = await sendEmail({ messageId: 'f1e2d3c4-0000-4000-8000-000000000002', recipient: 'kim@example.com', body: 'Lost.' }, credentials, api);
    expect(refused).toEqual({ kind: 'failed', failure: 'rejected', detail: `The sign-in to ${new URL(fake.url).host} was revoked or expired: connect the mailbox again` });
    expect(capture.refusedLogins).toHaveLength(2);
    expect(fake.tokenRequests.map((request) => request.status)).toEqual([200, 200, 400]);
  });
});
