import { z } from 'zod';

/**
 * Attachments over HTTP. An upload is one file as the raw body: `Content-Type` declares its
 * media type (the relay checks it against the bytes) and `X-File-Name` its name, percent-encoded
 * (encodeURIComponent), since HTTP headers carry Latin-1 only. Files are content-addressed: the
 * id is the SHA-256 of the bytes, in lower-case hex.
 */

/** POST a desk's file (Authorization: Bearer <agent token>); GET `${DESK_FILES_PATH}/<id>`. */
export const DESK_FILES_PATH = '/api/files';
/** The same for a web-chat customer (Authorization: Bearer <visitor token>), within their conversation. */
export const CHAT_FILES_PATH = '/api/chat/files';
export const FILE_NAME_HEADER = 'x-file-name';

export const FileId = z.string().regex(/^[0-9a-f]{64}$/, 'a file id is the SHA-256 of its bytes, in 64 lower-case hex digits');
export type FileId = z.infer<typeof FileId>;

/** A stored file as a message refers to it (the name is the sender's, the rest is the relay's). */
export const FileReference = z.object({
  fileId: FileId,
  name: z.string().min(1).max(255),
  mediaType: z.string().min(1).max(100),
  size: z.number().int().positive(),
});
export type FileReference = z.infer<typeof FileReference>;

/** The answer to an upload. */
export const FileUploaded = FileReference;
export type FileUploaded = FileReference;

/** The name as sent in X-File-Name; null when it is not percent-encoded UTF-8. */
export function decodeFileName(header: string): string | null {
  try {
    return decodeURIComponent(header);
  } catch {
    return null;
  }
}
