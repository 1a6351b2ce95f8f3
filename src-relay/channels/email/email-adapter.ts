import { EMAIL_RULES } from '../../../src-shared/domain/channel-rules.js';
import { emailThreadOf } from '../../email/outbound-thread.js';
import type { ChannelAdapter } from '../port/channel-adapter.js';
import { EmailCredentials } from './email-credentials.js';
import { checkEmailConnection, sendEmail } from './email-sender.js';

/**
 * Email through SMTP (out) and IMAP or the relay's own SMTP receiver (in, src-relay/email). Mail
 * never arrives as a webhook: the account's webhook address answers "not the provider's" for
 * anything posted to it, and inbound mail goes through receiveEmail instead.
 *
 * A retried send carries the same Message-ID (email-identifiers.ts), so mail clients and
 * servers that de-duplicate on it show a repeat once: retrying an unconfirmed send is safer than
 * leaving the customer unanswered.
 */
export const emailAdapter: ChannelAdapter<EmailCredentials> = {
  provider: 'email',
  credentials: EmailCredentials,
  rules: EMAIL_RULES,
  defaultApiBaseUrl: 'smtp://',
  idempotentRetries: true,
  verify: () => false,
  parse: () => ({ ok: false, error: 'email arrives through IMAP or direct delivery, never as a webhook' }),
  threadOf: emailThreadOf,
  send: sendEmail,
  checkConnection: checkEmailConnection,
};
