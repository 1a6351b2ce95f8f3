import type { MessageAttachment } from '../../src-shared/domain/model.js';
import type { FileStore } from '../files/file-store.js';
import { isoMediaDurationMs } from '../files/media-duration.js';
import { videoPoster } from '../files/video-poster.js';
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

/**
 * The details an adapter asked for (ChannelAdapter.fileDetails): a poster for each video, kept by
 * the store (content-addressed: every video shares the one poster) and offered at a signed URL;
 * the length of each audio file, from its bytes.
 */
export async function withFileDetails(
  files: FileStore,
  loaded: readonly OutboundFile[],
  wanted: { videoPreview?: boolean; audioDuration?: boolean },
  urlOf: (file: { fileId: string; name: string; mediaType: string }) => string | null,
): Promise<OutboundFile[]> {
  const detailed: OutboundFile[] = [];
  for (const file of loaded) {
    if (wanted.videoPreview && file.kind === 'video') {
      const poster = await files.put(await videoPoster(), { name: 'preview.jpg', mediaType: 'image/jpeg' });
      const previewUrl = urlOf({ fileId: poster.id, name: poster.name, mediaType: poster.mediaType });
      detailed.push(previewUrl ? { ...file, previewUrl } : file);
    } else if (wanted.audioDuration && file.kind === 'audio') {
      const durationMs = isoMediaDurationMs(file.bytes);
      detailed.push(durationMs === null ? file : { ...file, durationMs });
    } else {
      detailed.push(file);
    }
  }
  return detailed;
}
