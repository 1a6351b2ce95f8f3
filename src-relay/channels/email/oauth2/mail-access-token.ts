import type { ProviderApi } from '../../port/channel-adapter.js';
import type { EmailCredentials } from '../email-credentials.js';
import { MAIL_ACCESS_TOKENS } from './access-tokens.js';
import { MailSignInError } from './mail-sign-in-error.js';
import { oauth2GrantOf } from './oauth2-grant.js';

/** The mailbox's access token for XOAUTH2 (IMAP and SMTP alike); `stale`: the one a server just refused. */
export function mailAccessToken(credentials: EmailCredentials, api: Pick<ProviderApi, 'timeoutMs' | 'keepRotatedSecret'>, stale?: string): Promise<string> {
  const grant = oauth2GrantOf(credentials);
  if (!grant) return Promise.reject(new MailSignInError('This mailbox has no OAuth2 sign-in to get a token with.', true));
  return MAIL_ACCESS_TOKENS.accessToken(grant, {
    timeoutMs: api.timeoutMs,
    stale,
    keepRefreshToken: api.keepRotatedSecret && ((from, to) => api.keepRotatedSecret?.('oauthRefreshToken', from, to) ?? Promise.resolve()),
  });
}

/**
 * The tokens of one connection attempt and its one retry: remembers the token handed out, so
 * that after the server refuses it the next one asked for is a renewed one, and whether that
 * happened already (a second refusal is the answer, not a reason to renew again).
 */
export class MailTokenLogin {
  private handedOut: string | undefined;
  private refusedLast = false;
  renewed = false;

  constructor(
    private readonly credentials: EmailCredentials,
    private readonly api: Pick<ProviderApi, 'timeoutMs' | 'keepRotatedSecret'>,
  ) {}

  /** The server refused the token handed out last. */
  refused(): void {
    this.refusedLast = true;
  }

  async token(renew = false): Promise<string> {
    const stale = renew || this.refusedLast ? this.handedOut : undefined;
    if (stale !== undefined) this.renewed = true;
    this.refusedLast = false;
    this.handedOut = await mailAccessToken(this.credentials, this.api, stale);
    return this.handedOut;
  }
}
