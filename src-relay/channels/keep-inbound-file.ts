import type { MessageAttachment } from '../../src-shared/domain/model.js';
import { attachmentOf } from '../conversations/message-files.js';
import { FileRefused, type FileStore } from '../files/file-store.js';
import { keepFile } from '../files/tenant-files.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';

/** What became of one customer's file that came with their message (a mail's attachments): an attachment, or why it could not be kept. */
export type InboundFileOutcome = { ok: true; attachment: MessageAttachment } | { ok: false; why: string };

/** A customer's bytes kept for the account's tenant, checked as every upload; a refusal (type, size) is a value, a storage failure throws. */
export async function keepInboundFile(core: RelayCore, files: FileStore, account: ChannelAccount, bytes: Uint8Array, declared: { name: string; mediaType: string | null }): Promise<InboundFileOutcome> {
  try {
    const stored = await keepFile(core, files, { tenantId: account.tenantId }, bytes, declared);
    return { ok: true, attachment: attachmentOf({ ...stored, createdAt: core.now() }, stored.name) };
  } catch (error) {
    if (error instanceof FileRefused) return { ok: false, why: error.message };
    throw error;
  }
}

/** How a message names a customer's file it does not carry, so the agent knows and can ask again. */
export function missingFileNote(name: string, why: string): string {
  return `[${name}: not received, ${why}]`;
}
