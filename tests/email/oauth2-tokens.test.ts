import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmailCredentials } from '../../src-relay/channels/email/email-credentials.js';
import { MailAccessTokens } from '../../src-relay/channels/email/oauth2/access-tokens.js';
import { MailSignInError } from '../../src-relay/channels/email/oauth2/mail-sign-in-error.js';
import { GOOGLE_TOKEN_URL, MICROSOFT_APP_SCOPE, MICROSOFT_MAIL_SCOPE, oauth2GrantOf, type OAuth2Grant } from '../../src-relay/channels/email/oauth2/oauth2-grant.js';
import { mailboxCredentials } from './email-test-relay.js';
import { FakeOAuth2Server } from './support/oauth2-server.js';

const HOUR_MS = 3_600_000;

/** The mailbox's grant as the relay reads it from the form's values, its token endpoint moved to the fake. */
function grantOf(fake: FakeOAuth2Server, over: Record<string, string>): OAuth2Grant {
  const credentials = EmailCredentials.parse(mailboxCredentials(25, { signIn: 'oauth2', oauthClientId: fake.client.id, oauthClientSecret: fake.client.secret, ...over }));
  const grant = oauth2GrantOf(credentials);
  if (!grant) throw new Error('no grant');
  return { ...grant, tokenUrl: fake.tokenUrl };
}

/** The refresh-token grant against a token endpoint speaking RFC 6749 on loopback, and the relay's cache of its access tokens. */
describe('OAuth2 access tokens for a mailbox', () => {
  let fake: FakeOAuth2Server;
  let clock: number;
  let tokens: MailAccessTokens;
  const request = { timeoutMs: 2_000 };

  beforeAll(async () => {
    fake = await FakeOAuth2Server.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    clock = 1_000_000;
    tokens = new MailAccessTokens({ now: () => clock });
    fake.tokenRequests.length = 0;
    fake.rotate = false;
    fake.appMailbox = null;
    fake.lifetimeS = 3600;
  });

  it('asks for a token once, keeps it until shortly before expires_in, and shares one request among callers', async () => {
    const grant = grantOf(fake, { oauthProvider: 'google', oauthRefreshToken: fake.consent('support') });
    const [first, ...others] = await Promise.all([1, 2, 3, 4].map(() => tokens.accessToken(grant, request)));
    expect(others).toEqual([first, first, first]);
    expect(fake.ownerOf(first ?? '')).toBe('support');
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.tokenRequests[0]?.form).toEqual({ grant_type: 'refresh_token', refresh_token: grant.refreshToken, client_id: fake.client.id, client_secret: fake.client.secret });

    clock += 0.9 * HOUR_MS;
    expect(await tokens.accessToken(grant, request)).toBe(first);
    clock += 0.08 * HOUR_MS; // 58.8 minutes into a 60-minute token: renewed.
    const second = await tokens.accessToken(grant, request);
    expect(second).not.toBe(first);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('renews a token a server refused, once for every caller that saw it refused', async () => {
    const grant = grantOf(fake, { oauthProvider: 'google', oauthRefreshToken: fake.consent('support') });
    const refused = await tokens.accessToken(grant, request);
    const [renewed, again] = await Promise.all([tokens.accessToken(grant, { ...request, stale: refused }), tokens.accessToken(grant, { ...request, stale: refused })]);
    expect(renewed).not.toBe(refused);
    expect(again).toBe(renewed);
    expect(await tokens.accessToken(grant, { ...request, stale: refused })).toBe(renewed);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it("keeps a refresh token the server rotates, hands it to be sealed, and uses it from then on", async () => {
    fake.rotate = true;
    const entered = fake.consent('support');
    const grant = grantOf(fake, { oauthProvider: 'microsoft', oauthTenant: 'contoso.onmicrosoft.com', oauthRefreshToken: entered });
    const kept: [string, string][] = [];
    const keeping = { ...request, keepRefreshToken: async (from: string, to: string) => void kept.push([from, to]) };
    const first = await tokens.accessToken(grant, keeping);
    expect(fake.tokenRequests[0]?.form.scope).toBe(MICROSOFT_MAIL_SCOPE);
    expect(kept).toEqual([[entered, expect.stringMatching(/^1\/\/refresh-/)]]);
    const rotated = kept[0]?.[1] ?? '';
    expect(fake.liveRefreshTokens()).toContain(rotated);
    expect(fake.liveRefreshTokens()).not.toContain(entered);

    // A renewal works although the entered token is no longer good: the rotated one is sent.
    const second = await tokens.accessToken(grant, { ...keeping, stale: first });
    expect(fake.tokenRequests.map((r) => [r.form.refresh_token, r.status])).toEqual([[entered, 200], [rotated, 200]]);
    // Credentials read after the sealing name the rotated token: the same grant, its token kept.
    expect(await tokens.accessToken({ ...grant, refreshToken: kept[1]?.[1] ?? '' }, keeping)).toBe(second);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it("turns a revoked or expired sign-in into the administrator's words, and a wrong client secret too", async () => {
    const revoked = fake.consent('support');
    fake.revoke(revoked);
    const google = grantOf(fake, { oauthProvider: 'google', oauthRefreshToken: revoked });
    const refusal = await tokens.accessToken(google, request).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(MailSignInError);
    expect(refusal).toMatchObject({ message: 'The sign-in to Google was revoked or expired: connect the mailbox again', permanent: true });
    expect(fake.tokenRequests[0]?.status).toBe(400);

    const wrongSecret = { ...grantOf(fake, { oauthProvider: 'google', oauthRefreshToken: fake.consent('support') }), clientSecret: 'not-the-secret' };
    await expect(tokens.accessToken(wrongSecret, request)).rejects.toMatchObject({ message: expect.stringMatching(/^Google refused the OAuth2 client id or secret \(The OAuth client was not found\.\)/), permanent: true });
    // A failed request is not kept: the next caller asks again.
    await expect(tokens.accessToken(wrongSecret, request)).rejects.toBeInstanceOf(MailSignInError);
    expect(fake.tokenRequests.map((r) => r.status)).toEqual([400, 401, 401]);
  });

  it('signs in a Microsoft 365 app with its own credentials when it has no refresh token (app-only access)', async () => {
    fake.appMailbox = 'support';
    const appOnly = grantOf(fake, { oauthProvider: 'microsoft', oauthTenant: 'contoso.onmicrosoft.com' });
    const token = await tokens.accessToken(appOnly, request);
    expect(fake.ownerOf(token)).toBe('support');
    expect(fake.tokenRequests[0]?.form).toEqual({ grant_type: 'client_credentials', client_id: fake.client.id, client_secret: fake.client.secret, scope: MICROSOFT_APP_SCOPE });
    fake.appMailbox = null;
    await expect(tokens.accessToken(appOnly, { ...request, stale: token })).rejects.toMatchObject({ message: expect.stringMatching(/^Microsoft 365 refused the OAuth2 client id or secret/), permanent: true });
  });

  it('reports a token endpoint that does not answer as passing', async () => {
    const grant = { ...grantOf(fake, { oauthProvider: 'google', oauthRefreshToken: fake.consent('support') }), tokenUrl: 'http://127.0.0.1:1/token' };
    await expect(tokens.accessToken(grant, request)).rejects.toMatchObject({ message: expect.stringMatching(/^Google gave no access token: network error/), permanent: false });
  });
});

describe("a mailbox's OAuth2 settings", () => {
  const oauth2 = (over: Record<string, string>) => EmailCredentials.safeParse(mailboxCredentials(25, { signIn: 'oauth2', smtpPassword: '', oauthClientId: 'id', oauthRefreshToken: 'r', ...over }));
  const withoutPassword = (over: Record<string, string>) => {
    const values: Record<string, string> = mailboxCredentials(25, { signIn: 'oauth2', oauthClientId: 'id', oauthRefreshToken: 'r', ...over });
    delete values.smtpPassword;
    return EmailCredentials.safeParse(values);
  };

  it('point Google and Microsoft 365 at their token endpoints, with the scope Microsoft wants', () => {
    const google = withoutPassword({ oauthProvider: 'google' });
    expect(google.success && oauth2GrantOf(google.data)).toMatchObject({ tokenUrl: GOOGLE_TOKEN_URL, scope: null, issuerName: 'Google' });
    const microsoft = withoutPassword({ oauthProvider: 'microsoft', oauthTenant: 'contoso.onmicrosoft.com' });
    expect(microsoft.success && oauth2GrantOf(microsoft.data)).toMatchObject({ tokenUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token', scope: MICROSOFT_MAIL_SCOPE });
  });

  it('need what each provider needs, a password only for password sign-in, and HTTPS away from this machine', () => {
    expect(withoutPassword({ oauthProvider: 'google' }).success).toBe(true);
    expect(oauth2({ oauthProvider: 'google' }).success).toBe(false); // an empty password is not a password
    expect(withoutPassword({ oauthProvider: 'microsoft' }).error?.issues.map((issue) => issue.path[0])).toEqual(['oauthTenant']);
    expect(withoutPassword({ oauthProvider: 'other' }).error?.issues.map((issue) => issue.path[0])).toEqual(['oauthTokenUrl']);
    expect(withoutPassword({ oauthProvider: 'other', oauthTokenUrl: 'http://auth.example.com/token' }).success).toBe(false);
    expect(withoutPassword({ oauthProvider: 'other', oauthTokenUrl: 'https://auth.example.com/token' }).success).toBe(true);
    expect(withoutPassword({ oauthProvider: 'other', oauthTokenUrl: 'http://127.0.0.1:8080/token' }).success).toBe(true);
    expect(withoutPassword({ oauthProvider: 'google', oauthRefreshToken: '' }).success).toBe(false);
    // Without a refresh token: Microsoft 365 app-only access, which needs the client secret.
    const appOnly = (over: Record<string, string>) => {
      const values: Record<string, string> = mailboxCredentials(25, { signIn: 'oauth2', oauthProvider: 'microsoft', oauthTenant: 'contoso.onmicrosoft.com', oauthClientId: 'id', ...over });
      delete values.smtpPassword;
      return EmailCredentials.safeParse(values);
    };
    expect(appOnly({}).error?.issues.map((issue) => issue.path[0])).toEqual(['oauthRefreshToken']);
    const withSecret = appOnly({ oauthClientSecret: 's' });
    expect(withSecret.success && oauth2GrantOf(withSecret.data)).toMatchObject({ refreshToken: null, scope: MICROSOFT_APP_SCOPE });
    expect(withoutPassword({ oauthProvider: 'google', oauthClientSecret: 's', oauthRefreshToken: '' }).success).toBe(false);
    expect(withoutPassword({ signIn: 'password' }).error?.issues.map((issue) => issue.path[0])).toEqual(['smtpPassword']);
  });
});
