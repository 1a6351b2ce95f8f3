import { z } from 'zod';
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
