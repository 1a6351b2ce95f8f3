import type { MessageAttachment } from '../../src-shared/domain/model.js';
import type { FileStore } from '../files/file-store.js';
import type { OutboundFile } from './port/channel-adapter.js';

/** A reply's files with their bytes, for an adapter to upload; null when the store has lost one (or has none). */
export async function outboundFiles(files: FileStore | undefined, attachments: readonly MessageAttachment[], urlOf: (attachment: MessageAttachment) => string | null): Promise<OutboundFile[] | null> {
  if (!files) return null;
  const loaded: OutboundFile[] = [];
  for (const attachment of attachments) {
    const content = await files.get(attachment.fileId);
    if (!content) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of content.body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
    const url = urlOf(attachment);
    loaded.push({ ...attachment, bytes: Buffer.concat(chunks), ...(url ? { url } : {}) });
  }
  return loaded;
}
