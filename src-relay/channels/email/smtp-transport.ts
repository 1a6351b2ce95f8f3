import nodemailer, { type Transporter } from 'nodemailer';
import type { ProviderApi } from '../port/channel-adapter.js';
import type { EmailCredentials } from './email-credentials.js';

/** A nodemailer SMTP transport for the mailbox: its server, its login, its DKIM key, the relay's timeout. */
export function smtpTransport(credentials: EmailCredentials, api: ProviderApi): Transporter {
  return nodemailer.createTransport({
    host: credentials.smtpHost,
    port: credentials.smtpPort,
    secure: credentials.smtpSecurity === 'tls',
    requireTLS: credentials.smtpSecurity === 'starttls',
    ignoreTLS: credentials.smtpSecurity === 'none',
    auth: { user: credentials.smtpUser, pass: credentials.smtpPassword },
    connectionTimeout: api.timeoutMs,
    greetingTimeout: api.timeoutMs,
    socketTimeout: api.timeoutMs,
    ...(credentials.dkimDomain && credentials.dkimSelector && credentials.dkimPrivateKey
      ? { dkim: { domainName: credentials.dkimDomain, keySelector: credentials.dkimSelector, privateKey: credentials.dkimPrivateKey } }
      : {}),
  });
}
