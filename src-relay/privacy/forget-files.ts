import type { FileStore } from '../files/file-store.js';

/**
 * Deletes the bytes of files no tenant holds any more, after the commit that let go of them:
 * bytes belong to no tenant (content-addressed), so they may go only once the last record did.
 * Deleting a missing file is not an error; `files` is null where a caller keeps none (tests).
 */
export async function forgetFileBytes(files: FileStore | null, fileIds: readonly string[]): Promise<void> {
  if (files === null) return;
  for (const fileId of fileIds) await files.delete(fileId);
}
