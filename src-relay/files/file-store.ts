import type { Readable } from 'node:stream';
import type { AttachmentKind } from '../../src-shared/domain/attachments.js';

/** What a client says of a file it sends: its name, and the media type it believes it has (checked against the bytes). */
export interface DeclaredFile {
  name: string;
  /** Null or `application/octet-stream` when the client does not know: the name's ending, then the bytes, decide. */
  mediaType: string | null;
}

/** A file once stored: content-addressed, its type taken from its bytes. */
export interface StoredFile {
  /** SHA-256 of the bytes, lower-case hex. */
  id: string;
  size: number;
  mediaType: string;
  kind: AttachmentKind;
  /** The declared name, cleaned (no path, no control characters). */
  name: string;
}

/** A stored file's bytes. The name and type belong to the tenant's record of it (storage/port/files.ts). */
export interface FileContent {
  id: string;
  size: number;
  body: Readable;
}

/**
 * The relay's attachments: bytes kept once per content, whoever sent them. Which tenant holds
 * which file is the database's record (storage/port/files.ts); this store only keeps bytes.
 * Adapters: local disk (the default) and S3-compatible object storage (for a cluster).
 */
export interface FileStore {
  /** Checks the bytes (type from their magic numbers, size within limits) and keeps them; a FileRefused says why not. */
  put(source: Uint8Array | Readable, declared: DeclaredFile): Promise<StoredFile>;
  /** Null when there is no such file (or the id is not a SHA-256). */
  get(id: string): Promise<FileContent | null>;
  has(id: string): Promise<boolean>;
  /** For erasure, once no tenant holds the file any more; deleting a missing file is no error. */
  delete(id: string): Promise<void>;
  /** The largest file it takes, of any kind (RELAY_FILES_MAX_MB). */
  readonly maxFileBytes: number;
  close(): Promise<void>;
}

export type FileRefusalCode = 'too_large' | 'unsupported_type' | 'type_mismatch' | 'empty';

/** A file the relay will not keep, with the reason in words a person can act on. */
export class FileRefused extends Error {
  constructor(
    readonly code: FileRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'FileRefused';
  }
}

const FILE_ID = /^[0-9a-f]{64}$/;

/** Whether `id` can name a file: anything else never reaches a path or an object key. */
export function isFileId(id: string): boolean {
  return FILE_ID.test(id);
}
