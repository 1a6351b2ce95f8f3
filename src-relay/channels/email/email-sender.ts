import type { ConnectionCheck, OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { composeReply } from './email-composition.js';
import type { EmailCredentials } from './email-credentials.js';
import { outcomeOfSmtpError } from './smtp-errors.js';
import { withSmtpTransport } from './smtp-transport.js';

/** Sends the reply through the mailbox's SMTP server; the Message-ID we chose is the provider's id. */
export async function sendEmail(text: OutboundText, credentials: EmailCredentials, api: ProviderApi): Promise<SendOutcome> {
  const mail = composeReply(text, credentials);
  try {
    await withSmtpTransport(credentials, api, (transport) => transport.sendMail(mail));
    return { kind: 'sent', providerMessageId: mail.messageId };
  } catch (error) {
    return outcomeOfSmtpError(error);
  }
}

/** The administrator's test: the SMTP server greets us and takes our login (nodemailer's verify), its OAuth2 access token fetched first. */
export async function checkEmailConnection(credentials: EmailCredentials, api: ProviderApi): Promise<ConnectionCheck> {
  try {
    await withSmtpTransport(credentials, api, (transport) => transport.verify());
    return { ok: true, accountName: `${credentials.fromName} <${credentials.address}>` };
  } catch (error) {
    const outcome = outcomeOfSmtpError(error);
    return { ok: false, error: outcome.kind === 'sent' ? 'unexpected' : outcome.detail };
  }
}
