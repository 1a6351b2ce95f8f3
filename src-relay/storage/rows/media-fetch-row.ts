import { MessageAttachment } from '../../../src-shared/domain/model.js';
import type { MediaFetch } from '../port/channel-media.js';

/** A channel_media_fetches row as both adapters select it: the kept attachment still JSON. */
export type MediaFetchRow = Omit<MediaFetch, 'attachment'> & { attachment: string | null };

export function mediaFetchOf(row: MediaFetchRow): MediaFetch {
  return { ...row, attachment: row.attachment === null ? null : MessageAttachment.parse(JSON.parse(row.attachment)) };
}
