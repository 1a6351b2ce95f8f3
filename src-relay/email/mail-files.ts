import type { MessageAttachment } from '../../src-shared/domain/model.js';
import { keepInboundFile, missingFileNote } from '../channels/keep-inbound-file.js';
import type { FileStore } from '../files/file-store.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import { contentIdOf } from './mail-html.js';
import type { InboundMail, MailFile } from './parse-mail.js';

/** A mail's files once kept: the customer's attachments, the inline images by Content-ID, and a note for each file that could not be kept. */
export interface KeptMailFiles {
  attachments: MessageAttachment[];
  /** Content-ID → the kept image's file id: what the HTML's `cid:` images become. */
  inlineImages: ReadonlyMap<string, string>;
  /** One line per refused file ("[plan.exe: not received, …]"), for the message's text. */
  missing: string[];
}

export const NO_FILES: KeptMailFiles = { attachments: [], inlineImages: new Map(), missing: [] };

/**
 * Keeps a mail's files in the attachment store, checked from their bytes with the same limits as
 * every upload's (keep-inbound-file.ts). A file referenced by `cid:` in the HTML and kept as an image
 * is an inline image, shown in the original; every other file is an attachment of the message. A
 * refused file (a type the relay does not take, over its kind's limit) is named with why, and the
 * rest of the mail is kept all the same. Kept before the message's commit: a file kept for a mail
 * whose commit then fails is harmless, and the same bytes are found kept when it is tried again.
 */
export async function keepMailFiles(core: RelayCore, files: FileStore | undefined, account: ChannelAccount, mail: InboundMail): Promise<KeptMailFiles> {
  if (!mail.files.length) return NO_FILES;
  const kept: KeptMailFiles = { attachments: [], inlineImages: new Map(), missing: [] };
  const shown = citedContentIds(mail.html);
  for (const file of mail.files) {
    if (!files) {
      kept.missing.push(missingFileNote(file.name, 'this relay keeps no files'));
      continue;
    }
    const outcome = await keepInboundFile(core, files, account, file.content, { name: file.name, mediaType: file.mediaType });
    if (!outcome.ok) kept.missing.push(missingFileNote(file.name, outcome.why));
    else if (isInline(file, shown) && outcome.attachment.kind === 'image') (kept.inlineImages as Map<string, string>).set(file.contentId!.toLowerCase(), outcome.attachment.fileId);
    else kept.attachments.push(outcome.attachment);
  }
  return kept;
}

function isInline(file: MailFile, shown: ReadonlySet<string>): boolean {
  return file.contentId !== null && shown.has(file.contentId.toLowerCase());
}

/** The Content-IDs the HTML shows as `cid:` images, lower case (RFC 2392 compares them so). */
function citedContentIds(html: string | null): Set<string> {
  const ids = new Set<string>();
  for (const match of (html ?? '').matchAll(/["'\s=]cid:([^"'\s>]+)/gi)) ids.add(contentIdOf(match[1]!));
  return ids;
}

