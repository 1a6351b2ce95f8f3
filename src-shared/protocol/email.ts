import { z } from 'zod';
import { EMAIL_SUBJECT_MAX, EmailAddress, EmailAddressList } from '../domain/email-reply.js';
import { Id, MessageAttachments, MessageBody } from '../domain/model.js';
import { FileId } from './files.js';

/** GET <relay>/api/email/originals/<message id>, with the agent's bearer token: the mail behind an email message. */
export const EMAIL_ORIGINALS_PATH = '/api/email/originals';

export function emailOriginalPath(messageId: string): string {
  return `${EMAIL_ORIGINALS_PATH}/${encodeURIComponent(messageId)}`;
}

/**
 * The full mail behind an email message: what "Show original" shows. `html` was sanitized by the
 * relay (remote images kept only as data-remote-src) and is sanitized again by the desk before it
 * is put in a sandboxed frame; null for a plain-text mail. `inlineImages` are the images its HTML
 * shows inline (`<img data-file-id>`, once `cid:` images), kept in the attachment store: the desk
 * reads them as it reads attachments (DESK_FILES_PATH) and hands them to the frame as data: URLs.
 */
export const EmailOriginalView = z.object({
  messageId: z.string(),
  kind: z.enum(['customer', 'auto-reply']),
  from: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  receivedAt: z.number(),
  /** Absent from relays before inline images were kept. */
  inlineImages: z.array(z.object({ fileId: FileId, mediaType: z.string() })).max(200).default([]),
});
export type EmailOriginalView = z.infer<typeof EmailOriginalView>;

/**
 * POST <relay>/api/email/new, with the agent's bearer token: a new mail to a customer, starting
 * its own conversation (from a mailbox of one of the agent's teams, held by the agent). The desk
 * chooses `messageId`, so a request repeated after a lost answer starts one conversation, once.
 */
export const NEW_EMAIL_PATH = '/api/email/new';

export const NewEmail = z
  .object({
    messageId: Id,
    /** The email account (mailbox) it goes from; the conversation is in that mailbox's team. */
    accountId: Id,
    to: EmailAddress,
    /** How the customer is called on the desk when the address is new; the address's local part by default. */
    name: z.string().trim().max(200).optional(),
    subject: z.string().trim().min(1, { error: 'A new mail needs a subject.' }).max(EMAIL_SUBJECT_MAX),
    body: MessageBody,
    cc: EmailAddressList.optional(),
    bcc: EmailAddressList.optional(),
    attachments: MessageAttachments.optional(),
  })
  .strict();
export type NewEmail = z.infer<typeof NewEmail>;

export const NewEmailStarted = z.object({ conversationId: Id });
export type NewEmailStarted = z.infer<typeof NewEmailStarted>;

/** GET <relay>/api/email/senders: the mailboxes the agent may start a mail from (their teams' connected email accounts). */
export const EMAIL_SENDERS_PATH = '/api/email/senders';

export const EmailSender = z.object({ accountId: Id, displayName: z.string(), teamId: Id });
export const EmailSenders = z.array(EmailSender);
export type EmailSender = z.infer<typeof EmailSender>;
