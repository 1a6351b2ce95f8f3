import { OAuth2ErrorAnswer, OAuth2TokenAnswer } from '../../../../src-shared/protocol/channels/oauth2-token.js';
import { jsonOf, requestProvider } from '../../port/provider-request.js';
import { MailSignInError } from './mail-sign-in-error.js';
import type { OAuth2Grant } from './oauth2-grant.js';

export interface FreshToken {
  accessToken: string;
  /** From `expires_in`; null when the server did not say. */
  expiresInMs: number | null;
  /** The refresh token that replaces the one used (Microsoft rotates them); null when it stays. */
  refreshToken: string | null;
}

/**
 * One access token from the token endpoint: the refresh-token grant (RFC 6749 §6), or for
 * Microsoft 365 app-only access the client-credentials grant (§4.4); a form POST, a JSON answer.
 * Written out rather than taken from oauth4webapi or openid-client: it is one request, neither
 * library is in the tree, and both want more than this needs: HTTPS only (the tests' endpoint is
 * on loopback), and checking an id_token, if one comes back, against an issuer that
 * Microsoft's `organizations` endpoint does not have fixed.
 * The client authenticates in the body (§2.3.1): Microsoft takes only that, Google takes both.
 */
export async function requestAccessToken(grant: OAuth2Grant, timeoutMs: number): Promise<FreshToken> {
  const form = new URLSearchParams(grant.refreshToken === null ? { grant_type: 'client_credentials' } : { grant_type: 'refresh_token', refresh_token: grant.refreshToken });
  form.set('client_id', grant.clientId);
  if (grant.clientSecret) form.set('client_secret', grant.clientSecret);
  if (grant.scope) form.set('scope', grant.scope);
  const response = await requestProvider(
    { baseUrl: grant.tokenUrl, timeoutMs },
    { method: 'POST', path: '', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() },
  );
  if (!response.ok) throw new MailSignInError(`${grant.issuerName} gave no access token: ${response.detail}`, false);
  const body = jsonOf(response.text);
  const token = OAuth2TokenAnswer.safeParse(body);
  if (response.status === 200 && token.success) {
    const { access_token, expires_in, refresh_token } = token.data;
    return { accessToken: access_token, expiresInMs: expires_in === undefined ? null : expires_in * 1000, refreshToken: refresh_token && refresh_token !== grant.refreshToken ? refresh_token : null };
  }
  const refusal = OAuth2ErrorAnswer.safeParse(body);
  if (response.status >= 400 && response.status < 500 && refusal.success) throw refusalError(grant, refusal.data);
  throw new MailSignInError(`${grant.issuerName} gave no access token: its token endpoint answered ${response.status}${token.success ? '' : ' without a usable token'}`, false);
}

/** §5.2's error codes, in the words an administrator can act on. */
function refusalError(grant: OAuth2Grant, refusal: OAuth2ErrorAnswer): MailSignInError {
  const said = refusal.error_description ? ` (${refusal.error_description.replace(/\s+/g, ' ').slice(0, 300)})` : '';
  switch (refusal.error) {
    case 'invalid_grant':
      return new MailSignInError(`The sign-in to ${grant.issuerName} was revoked or expired: connect the mailbox again`, true);
    case 'invalid_client':
    case 'unauthorized_client':
      return new MailSignInError(`${grant.issuerName} refused the OAuth2 client id or secret${said}: check them in the mailbox's settings`, true);
    default:
      return new MailSignInError(`${grant.issuerName} refused to renew the sign-in: ${refusal.error}${said}`, true);
  }
}
