import { z } from 'zod';
import { Id, MessageAttachment } from '../domain/model.js';
import { FileId } from '../protocol/files.js';

/**
 * Attachments on a desk. The renderer never reaches the relay itself: the core uploads a file
 * for it and reads one back (from its own copy in the desk's data folder, else from the relay,
 * then kept), and the renderer shows the bytes as a blob: URL. Bytes travel base64-encoded, as
 * every api message is JSON on the web host's socket, and an upload goes in parts that fit its
 * frames.
 */

/** Raw bytes in one upload part: its base64 stays well under the web host's 128 KB frames. */
export const FILE_PART_BYTES = 64 * 1024;

export const filesMethods = {
  /**
   * One part of a file, in order from offset 0. The last part (offset + its length = size) sends
   * the file to the relay and answers its attachment; earlier parts answer null.
   */
  'files.upload': {
    input: z
      .object({
        /** Chosen by the renderer, one per file. */
        uploadId: Id,
        name: z.string().min(1).max(255),
        /** As the browser says; the relay checks it against the bytes. */
        mediaType: z.string().max(100),
        size: z.number().int().positive(),
        offset: z.number().int().nonnegative(),
        part: z.base64().max(Math.ceil(FILE_PART_BYTES / 3) * 4),
      })
      .strict(),
    output: z.object({ attachment: MessageAttachment.nullable() }),
  },
  /** A message's file, as base64 bytes and the type the relay gave them. */
  'files.read': {
    input: z.object({ fileId: FileId }).strict(),
    output: z.object({ mediaType: z.string(), bytes: z.base64() }),
  },
} as const;
