import type { ChannelFailure } from '../../../src-shared/domain/model.js';
import type { SendOutcome } from '../port/channel-adapter.js';
import { MailSignInError } from './oauth2/mail-sign-in-error.js';

/** What nodemailer puts on its errors: the SMTP reply code and text when the server answered. */
interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * A failed send, read as RFC 5321 tells: a 5xx reply is permanent ("Not delivered: <the server's
 * words>"), a 4xx or no answer at all (network, timeout, TLS) may pass and is tried again.
 * A failure to get an OAuth2 access token says so in its own words (MailSignInError).
 */
export function outcomeOfSmtpError(error: unknown): SendOutcome {
  // No access token for the login: the administrator's to fix (a revoked sign-in), or the token endpoint's to answer later.
  if (error instanceof MailSignInError) return error.permanent ? { kind: 'failed', failure: 'rejected', detail: error.message } : { kind: 'retry', detail: error.message };
  const smtp = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  const reason = (smtp.response ?? smtp.message ?? String(error)).replace(/\s+/g, ' ').trim().slice(0, 400);
  const code = smtp.responseCode;
  if (code !== undefined && code >= 500 && code < 600) return { kind: 'failed', failure: failureOf(smtp), detail: `Not delivered: ${reason}` };
  return { kind: 'retry', detail: `The mail server did not take the reply yet: ${reason}` };
}

/** 550/551/553 at RCPT name the recipient; 535 is our own login; the rest the server refused. */
function failureOf(smtp: SmtpError): ChannelFailure {
  if (smtp.code === 'EENVELOPE' || /^5\.1\.[0-9]/.test(smtp.response?.slice(4) ?? '')) return 'invalid-recipient';
  if (smtp.code === 'EAUTH') return 'rejected';
  return 'undeliverable';
}
