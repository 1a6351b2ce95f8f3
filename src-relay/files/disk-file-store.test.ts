import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { MB } from '../../src-shared/domain/attachments.js';
import { openDiskFileStore } from './disk-file-store.js';
import { describeFileStore } from './testing/file-store-contract.js';
import { pngFile } from './testing/sample-files.js';

describeFileStore('local disk', async (maxFileBytes) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relay-files-'));
  const store = await openDiskFileStore({ dir, maxFileBytes });
  return {
    store,
    async remove() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('files on local disk', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relay-files-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('are content-addressed under their first two hex digits, with no upload left behind, refused or not', async () => {
    const dir = newDir();
    const store = await openDiskFileStore({ dir, maxFileBytes: MB });
    const { id } = await store.put(pngFile(), { name: 'a.png', mediaType: null });
    await expect(store.put(Readable.from([Buffer.alloc(2 * MB)]), { name: 'b.pdf', mediaType: null })).rejects.toThrow(/at most 1 MB/);
    await expect(store.put(Buffer.from('plain'), { name: 'c.txt', mediaType: null })).rejects.toThrow(/not a file the relay accepts/);
    expect(readdirSync(path.join(dir, id.slice(0, 2)))).toEqual([id]);
    expect(readdirSync(path.join(dir, 'tmp'))).toEqual([]);
    await store.close();
  });

  it('remove uploads abandoned an hour ago when opened, and leave recent ones to the relay writing them', async () => {
    const dir = newDir();
    await (await openDiskFileStore({ dir, maxFileBytes: MB })).close();
    writeFileSync(path.join(dir, 'tmp', '.upload-old'), 'x');
    writeFileSync(path.join(dir, 'tmp', '.upload-new'), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    utimesSync(path.join(dir, 'tmp', '.upload-old'), twoHoursAgo, twoHoursAgo);
    await (await openDiskFileStore({ dir, maxFileBytes: MB })).close();
    expect(readdirSync(path.join(dir, 'tmp'))).toEqual(['.upload-new']);
  });

  it("go with a throwaway database's relay when asked", async () => {
    const dir = newDir();
    const store = await openDiskFileStore({ dir, maxFileBytes: MB, removeOnClose: true });
    await store.put(pngFile(), { name: 'a.png', mediaType: null });
    await store.close();
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
  });
});
