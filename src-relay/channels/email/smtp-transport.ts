import nodemailer, { type Transporter } from 'nodemailer';
import type { ProviderApi } from '../port/channel-adapter.js';
import type { EmailCredentials } from './email-credentials.js';
import { MailTokenLogin } from './oauth2/mail-access-token.js';
import { MailSignInError } from './oauth2/mail-sign-in-error.js';

/**
 * Runs `use` with an SMTP transport of the mailbox, closed after. With OAuth2 sign-in, a login
 * the server refuses is tried once more with a renewed access token: Gmail answers a stale
 * token with a 334 challenge, which nodemailer answers itself by asking for a renewed one;
 * Microsoft answers 535 at once, which ends up here. Nothing was sent before a login.
 */
export async function withSmtpTransport<T>(credentials: EmailCredentials, api: ProviderApi, use: (transport: Transporter) => Promise<T>): Promise<T> {
  const login = credentials.signIn === 'oauth2' ? new MailTokenLogin(credentials, api) : null;
  for (let attempt = 1; ; attempt += 1) {
    const transport = smtpTransport(credentials, api, login);
    try {
      return await use(transport);
    } catch (error) {
      if (!login || attempt > 1 || login.renewed || !loginRefused(error)) throw error;
      login.refused();
    } finally {
      transport.close();
    }
  }
}

/** A nodemailer SMTP transport for the mailbox: its server, its login, its DKIM key, the relay's timeout. */
function smtpTransport(credentials: EmailCredentials, api: ProviderApi, login: MailTokenLogin | null): Transporter {
  return nodemailer.createTransport({
    host: credentials.smtpHost,
    port: credentials.smtpPort,
    secure: credentials.smtpSecurity === 'tls',
    requireTLS: credentials.smtpSecurity === 'starttls',
    ignoreTLS: credentials.smtpSecurity === 'none',
    auth: login
      ? {
          type: 'OAuth2',
          user: credentials.smtpUser,
          // One token cache for IMAP and SMTP (oauth2/access-tokens.ts) rather than nodemailer's own refreshing.
          provisionCallback: (_user, renew, callback) => login.token(renew).then((token) => callback(null, token), (error: unknown) => callback(error as Error)),
        }
      : { user: credentials.smtpUser, pass: credentials.smtpPassword },
    connectionTimeout: api.timeoutMs,
    greetingTimeout: api.timeoutMs,
    socketTimeout: api.timeoutMs,
    ...(credentials.dkimDomain && credentials.dkimSelector && credentials.dkimPrivateKey
      ? { dkim: { domainName: credentials.dkimDomain, keySelector: credentials.dkimSelector, privateKey: credentials.dkimPrivateKey } }
      : {}),
  });
}

/** The server refused our login (an answer, not a network failure, nor our own failure to get a token). */
function loginRefused(error: unknown): boolean {
  if (error instanceof MailSignInError) return false;
  const smtp = error as { code?: string; responseCode?: number };
  return smtp.code === 'EAUTH' && smtp.responseCode !== undefined;
}
