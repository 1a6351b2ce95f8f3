import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOGLE_MAIL_SCOPE, loopbackConsent, pkceChallengeOf, type LoopbackConsentOptions } from '../../src-relay/channels/email/oauth2/loopback-consent.js';
import { FakeOAuth2Server } from './support/oauth2-server.js';

/** The administrator's way to a Google refresh token: the code flow with PKCE and a loopback redirect, against a loopback authorization server. */
describe('the loopback consent for Google', () => {
  let fake: FakeOAuth2Server;
  beforeAll(async () => {
    fake = await FakeOAuth2Server.start();
  });
  afterAll(() => fake.close());

  /** The administrator's browser: opens the printed address and follows the provider's redirect back to the listener. */
  function browser(tamper: (back: URL) => URL = (back) => back): Pick<LoopbackConsentOptions, 'say'> & { pages: Promise<string>[] } {
    const pages: Promise<string>[] = [];
    return {
      pages,
      say(line) {
        const address = /^https?:\/\/\S+$/m.exec(line)?.[0];
        if (!address) return;
        pages.push(
          (async () => {
            const consent = await fetch(address, { redirect: 'manual' });
            const back = tamper(new URL(consent.headers.get('location') ?? ''));
            return (await fetch(back)).text();
          })(),
        );
      },
    };
  }

  const options = (say: LoopbackConsentOptions['say']): LoopbackConsentOptions => ({ clientId: fake.client.id, clientSecret: fake.client.secret, authorizationUrl: fake.authorizationUrl, tokenUrl: fake.tokenUrl, loginHint: 'support@acme.test', say, timeoutMs: 10_000 });

  it('derives the S256 challenge as RFC 7636 Appendix B does', () => {
    expect(pkceChallengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('asks for offline Gmail access with PKCE, takes the code the browser brings back, and answers a refresh token that works', async () => {
    fake.consentingUser = 'support';
    const admin = browser();
    const refreshToken = await loopbackConsent(options(admin.say));
    expect(await admin.pages[0]).toMatch(/^Signed in\./);
    expect(fake.authorizationRequests.at(-1)).toMatchObject({ client_id: fake.client.id, scope: GOOGLE_MAIL_SCOPE, response_type: 'code', code_challenge_method: 'S256', access_type: 'offline', prompt: 'consent', login_hint: 'support@acme.test' });
    expect(fake.liveRefreshTokens()).toContain(refreshToken);
    const answer = await fetch(fake.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: fake.client.id, client_secret: fake.client.secret }) });
    expect(answer.status).toBe(200);
  });

  it('says so when the mailbox owner refuses, and refuses a redirect with another state', async () => {
    fake.consentingUser = null;
    await expect(loopbackConsent(options(browser().say))).rejects.toThrow('The sign-in did not complete: access_denied');
    fake.consentingUser = 'support';
    const forged = browser((back) => {
      back.searchParams.set('state', 'someone-elses');
      return back;
    });
    await expect(loopbackConsent(options(forged.say))).rejects.toThrow('another state');
  });

  it('names the provider’s refusal of the exchange', async () => {
    await expect(loopbackConsent({ ...options(browser().say), clientSecret: 'wrong' })).rejects.toThrow('The code was not exchanged: invalid_client');
  });
});
