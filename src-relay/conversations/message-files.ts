import { kindOfMediaType } from '../../src-shared/domain/attachments.js';
import type { MessageAttachment } from '../../src-shared/domain/model.js';
import type { RelayRepositories } from '../storage/port/relay-storage.js';
import type { FileRecord } from '../storage/port/files.js';

/**
 * The files a message names, as the relay knows them. A sender names a file by its id; the type,
 * size and kind are the relay's record (checked from the bytes when they were kept), never the
 * sender's word. A file outside the sender's reach is refused in the same words as one that does
 * not exist, so a refusal tells nothing of other tenants' or other customers' files.
 */

export const FILE_NOT_FOUND = 'An attached file is not among the files you uploaded: upload it again, then send.';

export type AttachmentsFound = { ok: true; attachments: MessageAttachment[] } | { ok: false; message: string };

/** An agent's files: any the tenant holds; the name is the one the agent gave. */
export async function tenantAttachments(store: RelayRepositories, tenantId: string, named: readonly { fileId: string; name: string }[] | undefined): Promise<AttachmentsFound> {
  const attachments: MessageAttachment[] = [];
  for (const { fileId, name } of named ?? []) {
    const record = await store.files.find(tenantId, fileId);
    if (!record) return { ok: false, message: FILE_NOT_FOUND };
    attachments.push(attachmentOf(record, name));
  }
  return { ok: true, attachments };
}

/** A web-chat customer's files: only those they uploaded into (or were sent in) their conversation. */
export async function conversationAttachments(store: RelayRepositories, tenantId: string, conversationId: string, fileIds: readonly string[] | undefined): Promise<AttachmentsFound> {
  const attachments: MessageAttachment[] = [];
  for (const fileId of fileIds ?? []) {
    const record = await store.files.find(tenantId, fileId);
    if (!record || !(await store.files.isInConversation(tenantId, conversationId, fileId))) return { ok: false, message: FILE_NOT_FOUND };
    attachments.push(attachmentOf(record));
  }
  return { ok: true, attachments };
}

/** Shared in the conversation: its customer may now download each file (web chat). */
export async function shareAttachments(store: RelayRepositories, tenantId: string, conversationId: string, attachments: readonly MessageAttachment[]): Promise<void> {
  for (const { fileId } of attachments) await store.files.linkToConversation(tenantId, conversationId, fileId);
}

export function attachmentOf(record: FileRecord, name: string = record.name): MessageAttachment {
  return { fileId: record.id, name, mediaType: record.mediaType, kind: kindOfMediaType(record.mediaType), size: record.size };
}

/** Spread into a message: no key at all when it carries no file, as messages from before. */
export function withAttachments(attachments: readonly MessageAttachment[]): { attachments?: MessageAttachment[] } {
  return attachments.length ? { attachments: [...attachments] } : {};
}
