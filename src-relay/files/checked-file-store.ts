import type { Readable } from 'node:stream';
import { fileTypeFromFile } from 'file-type';
import { checkSize, checkType, cleanName } from './file-check.js';
import { isFileId, type DeclaredFile, type FileContent, type FileStore, type StoredFile } from './file-store.js';
import { stageFile } from './staged-file.js';

/** Where an adapter keeps bytes: it is handed a checked, hashed temporary file and only has to keep it under its id. */
export interface BlobKeeper {
  /** A folder for temporary files; on the disk adapter it is on the same file system, so keeping is a rename. */
  readonly stagingDir: string;
  /** Keeps the staged file (and removes it from staging); keeping a file already kept is no error. */
  keep(id: string, stagedPath: string, size: number, mediaType: string): Promise<void>;
  read(id: string): Promise<FileContent | null>;
  has(id: string): Promise<boolean>;
  remove(id: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The FileStore port over a keeper of bytes: every adapter checks files the same way. The bytes
 * are staged (hashed, counted against the relay's maximum), sniffed for their type (the file-type
 * package reads the magic numbers), checked against the declaration and their kind's limit, and
 * only then kept.
 */
export function checkedFileStore(keeper: BlobKeeper, maxFileBytes: number): FileStore {
  return {
    maxFileBytes,
    async put(source: Uint8Array | Readable, declared: DeclaredFile): Promise<StoredFile> {
      const name = cleanName(declared.name);
      const staged = await stageFile(source, keeper.stagingDir, name, maxFileBytes);
      try {
        const detected = await fileTypeFromFile(staged.path);
        const type = checkType(detected?.mime, { name, mediaType: declared.mediaType });
        checkSize(type, staged.size, name, maxFileBytes);
        await keeper.keep(staged.id, staged.path, staged.size, type.mediaType);
        return { id: staged.id, size: staged.size, mediaType: type.mediaType, kind: type.kind, name };
      } finally {
        await staged.discard();
      }
    },
    get: (id) => (isFileId(id) ? keeper.read(id) : Promise.resolve(null)),
    has: (id) => (isFileId(id) ? keeper.has(id) : Promise.resolve(false)),
    delete: (id) => (isFileId(id) ? keeper.remove(id) : Promise.resolve()),
    close: () => keeper.close(),
  };
}
