import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceCodeConsent } from '../../src-relay/channels/email/oauth2/device-code-consent.js';
import { MICROSOFT_MAIL_SCOPE } from '../../src-relay/channels/email/oauth2/oauth2-grant.js';
import { FakeOAuth2Server } from './support/oauth2-server.js';

/** The administrator's way to a Microsoft 365 refresh token: the device authorization grant (RFC 8628) against a loopback authority. */
describe('the device code consent', () => {
  let fake: FakeOAuth2Server;
  beforeAll(async () => {
    fake = await FakeOAuth2Server.start();
  });
  afterAll(() => fake.close());

  it('prints where to sign in and with which code, waits while the sign-in is pending, and answers a refresh token that works', async () => {
    const said: string[] = [];
    let polls = 0;
    const refreshToken = await deviceCodeConsent({
      authority: fake.url,
      clientId: fake.client.id,
      say: (line) => said.push(line),
      sleep: async () => {
        polls += 1;
        // The mailbox's user finishes signing in after the second poll.
        if (polls === 3) fake.approveDevice(/code ([0-9A-F]{8})/.exec(said[0] ?? '')?.[1] ?? '', 'support');
      },
    });
    expect(said).toEqual([expect.stringMatching(/^Sign in as the mailbox at https:\/\/microsoft\.com\/devicelogin with the code [0-9A-F]{8} \(within 15 minutes\)\.$/)]);
    expect(polls).toBe(3);
    expect(fake.liveRefreshTokens()).toContain(refreshToken);
    const answer = await fetch(fake.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: fake.client.id, client_secret: fake.client.secret }) });
    expect(answer.status).toBe(200);
    expect(fake.deviceCodeRequests).toEqual([{ client_id: fake.client.id, scope: MICROSOFT_MAIL_SCOPE }]);
  });

  it('says why when the authority refuses the client', async () => {
    await expect(deviceCodeConsent({ authority: fake.url, clientId: 'someone-else', say: () => undefined, sleep: async () => undefined })).rejects.toThrow('No device code: invalid_client');
  });
});
