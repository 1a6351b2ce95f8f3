import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isPostgresUrl } from '../storage/open-relay-storage.js';

/**
 * Where the privacy exports' bundles lie: a folder on the relay's disk (RELAY_EXPORTS_DIR, by
 * default `exports/` beside the SQLite database). A bundle's location is `<tenant>/<export>.zip`,
 * relative to that folder, as the `privacy_exports` row records it for an erasure to delete.
 */
export interface ExportFiles {
  /** Writes the bundle and answers its location and size. */
  write(tenantId: string, exportId: string, bundle: Readable): Promise<{ location: string; size: number }>;
  open(location: string): Readable;
  /** Deleting a bundle that is gone already is no error. */
  delete(location: string): Promise<void>;
  close(): Promise<void>;
}

const SAFE = /^[A-Za-z0-9_-]{1,64}$/;

export async function openExportFiles(dbPath: string, dir: string | undefined = process.env.RELAY_EXPORTS_DIR): Promise<ExportFiles> {
  const temporary = !dir && (dbPath === '' || dbPath === ':memory:' || isPostgresUrl(dbPath));
  const root = dir ?? (temporary ? await mkdtemp(path.join(tmpdir(), 'relay-exports-')) : path.join(path.dirname(dbPath), 'exports'));
  const pathOf = (location: string): string => {
    const [tenant, file, ...rest] = location.split('/');
    // Only what `write` made: a location read from the database never walks out of the folder.
    if (rest.length > 0 || !tenant || !file || !SAFE.test(tenant) || !/^[A-Za-z0-9_-]{1,64}\.zip$/.test(file)) throw new Error(`Not an export's location: ${location}`);
    return path.join(root, tenant, file);
  };
  return {
    async write(tenantId, exportId, bundle) {
      const tenant = SAFE.test(tenantId) ? tenantId : Buffer.from(tenantId).toString('hex').slice(0, 64);
      const location = `${tenant}/${exportId}.zip`;
      const file = pathOf(location);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await pipeline(bundle, createWriteStream(file, { mode: 0o600 }));
      return { location, size: (await stat(file)).size };
    },
    open: (location) => createReadStream(pathOf(location)),
    async delete(location) {
      await rm(pathOf(location), { force: true });
    },
    async close() {
      if (temporary) await rm(root, { recursive: true, force: true });
    },
  };
}
