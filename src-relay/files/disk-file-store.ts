import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkedFileStore, type BlobKeeper } from './checked-file-store.js';
import type { FileContent, FileStore } from './file-store.js';

export interface DiskFileSettings {
  /** The files' folder: `<dir>/<first two hex digits>/<sha256>`, and `<dir>/tmp` for uploads under way. */
  dir: string;
  maxFileBytes: number;
  /** For a relay on a throwaway database (':memory:'): its files go with it. */
  removeOnClose?: boolean;
}

/** The default store: content-addressed files on local disk, each written whole to a temporary file first and renamed into place. */
export async function openDiskFileStore(settings: DiskFileSettings): Promise<FileStore> {
  const stagingDir = path.join(settings.dir, 'tmp');
  await mkdir(stagingDir, { recursive: true });
  await removeAbandonedUploads(stagingDir);
  const pathOf = (id: string) => path.join(settings.dir, id.slice(0, 2), id);

  const keeper: BlobKeeper = {
    stagingDir,
    async keep(id, stagedPath) {
      const target = pathOf(id);
      if (await exists(target)) return;
      await mkdir(path.dirname(target), { recursive: true });
      // On disk before it has its name, and the name on disk before the upload is answered.
      await syncPath(stagedPath, 'r+');
      await rename(stagedPath, target);
      await syncPath(path.dirname(target), 'r');
    },
    async read(id): Promise<FileContent | null> {
      const target = pathOf(id);
      const found = await stat(target).catch(orNullWhenMissing);
      return found ? { id, size: found.size, body: createReadStream(target) } : null;
    },
    has: (id) => exists(pathOf(id)),
    remove: (id) => rm(pathOf(id), { force: true }),
    async close() {
      if (settings.removeOnClose) await rm(settings.dir, { recursive: true, force: true });
    },
  };
  return checkedFileStore(keeper, settings.maxFileBytes);
}

/** An upload cut short by a crash leaves its temporary file; one untouched for an hour is no upload under way (another relay may share the folder). */
async function removeAbandonedUploads(stagingDir: string): Promise<void> {
  const hourAgo = Date.now() - 60 * 60_000;
  for (const name of await readdir(stagingDir)) {
    const staged = path.join(stagingDir, name);
    const found = await stat(staged).catch(orNullWhenMissing);
    if (found && found.mtimeMs < hourAgo) await rm(staged, { force: true });
  }
}

async function exists(target: string): Promise<boolean> {
  return (await stat(target).catch(orNullWhenMissing)) !== null;
}

function orNullWhenMissing(error: unknown): null {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
  throw error;
}

async function syncPath(target: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(target, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
