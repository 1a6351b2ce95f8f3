import type { Readable } from 'node:stream';
import type { RelayCore } from '../relay-core.js';
import type { FileRecord } from '../storage/port/files.js';
import type { DeclaredFile, FileContent, FileStore, StoredFile } from './file-store.js';

/** Who stores or reads a file: a desk of the tenant, or a web-chat customer within their conversation. */
export interface FileHolder {
  tenantId: string;
  /** A customer's conversation: their files are linked to it, and they read only what is linked. */
  conversationId?: string;
}

/**
 * Checks and keeps the bytes, then records them for the tenant (and links them to the customer's
 * conversation). Bytes kept without a record, if the database fails in between, are harmless:
 * nobody can read them, and the same upload again finds them kept.
 */
export async function keepFile(core: RelayCore, files: FileStore, holder: FileHolder, source: Uint8Array | Readable, declared: DeclaredFile): Promise<StoredFile> {
  const stored = await files.put(source, declared);
  const record: FileRecord = { id: stored.id, mediaType: stored.mediaType, size: stored.size, name: stored.name, createdAt: core.now() };
  const { conversationId } = holder;
  await core.store.transaction(async (tx) => {
    await tx.files.record(holder.tenantId, record);
    if (conversationId) await tx.files.linkToConversation(holder.tenantId, conversationId, stored.id);
  }, { tenantId: holder.tenantId });
  return stored;
}

/** The holder's record of a file; null when they may not read it, exactly as when it does not exist. */
export async function findFile(core: RelayCore, holder: FileHolder, fileId: string): Promise<FileRecord | null> {
  const record = await core.store.files.find(holder.tenantId, fileId);
  if (!record) return null;
  if (holder.conversationId && !(await core.store.files.isInConversation(holder.tenantId, holder.conversationId, fileId))) return null;
  return record;
}

/** The bytes of a file found for its holder; null, and the relay's fault reported, when the store lost them. */
export async function openFile(core: RelayCore, files: FileStore, record: FileRecord): Promise<FileContent | null> {
  const content = await files.get(record.id);
  if (!content) core.reportError('files', new Error(`A tenant holds file ${record.id}, but the file store has no such file.`));
  return content;
}
