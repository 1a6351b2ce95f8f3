import { EmailReply, parseAddressField, replySubjectLine, type EmailReply as EmailReplyValue } from '../../src-shared/domain/email-reply.js';

/** The email composer's fields as the agent is typing them, per conversation. */
export interface EmailDraft {
  /** null until the agent edits it: the reply then goes as "Re: <the thread's subject>". */
  subject: string | null;
  cc: string;
  bcc: string;
  /** Whether the customer's last mail goes quoted under the reply; on unless the agent turns it off. */
  quote: boolean;
}

export const EMPTY_EMAIL_DRAFT: EmailDraft = { subject: null, cc: '', bcc: '', quote: true };

/** What is wrong with the fields, for inline errors: an empty subject, the parts of CC or BCC that are not addresses. */
export interface EmailFieldErrors {
  subject: boolean;
  cc: string[];
  bcc: string[];
}

export type EmailFieldsCheck = { ok: true; email: EmailReplyValue } | { ok: false; errors: EmailFieldErrors };

/** The subject line shown before the agent edits it: "Re: " and the customer's last subject. */
export function prefilledSubject(lastSubject: string | null): string {
  return lastSubject === null ? '' : replySubjectLine(lastSubject);
}

/**
 * The draft as the reply's email fields, checked with the shared schema the relay checks again.
 * `lastMail`: the conversation has a mail of the customer's, to quote and to take "Re: <subject>"
 * from; without one the reply is a new mail, and a new mail needs a subject.
 */
export function emailFieldsOf(draft: EmailDraft, lastMail: boolean): EmailFieldsCheck {
  const cc = parseAddressField(draft.cc);
  const bcc = parseAddressField(draft.bcc);
  const subjectMissing = draft.subject === null ? !lastMail : draft.subject.trim() === '';
  if (!cc.ok || !bcc.ok || subjectMissing) {
    return { ok: false, errors: { subject: subjectMissing, cc: cc.ok ? [] : cc.invalid, bcc: bcc.ok ? [] : bcc.invalid } };
  }
  const email = EmailReply.parse({
    ...(draft.subject !== null ? { subject: draft.subject } : {}),
    ...(cc.addresses.length ? { cc: cc.addresses } : {}),
    ...(bcc.addresses.length ? { bcc: bcc.addresses } : {}),
    ...(draft.quote && lastMail ? { quote: true } : {}),
  });
  return { ok: true, email };
}
