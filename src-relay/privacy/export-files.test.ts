import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openExportFiles, type ExportFiles } from './export-files.js';

/** Where bundles lie: under the folder, by tenant, and nowhere a stored location could point outside it. */
describe('export files', () => {
  let dir: string;
  let files: ExportFiles;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'export-files-'));
    files = await openExportFiles(':memory:', dir);
  });
  afterEach(async () => {
    await files.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a bundle under its tenant, reads it back and deletes it (twice is no error)', async () => {
    const { location, size } = await files.write('acme', 'x1', Readable.from([Buffer.from('zip bytes')]));
    expect([location, size]).toEqual(['acme/x1.zip', 9]);
    const chunks: Buffer[] = [];
    for await (const chunk of files.open(location)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('zip bytes');
    await files.delete(location);
    await files.delete(location);
    expect(existsSync(path.join(dir, 'acme', 'x1.zip'))).toBe(false);
  });

  it('names a tenant whose id is no plain name by its hex, and refuses any location it did not make', async () => {
    expect((await files.write('a/../b', 'x2', Readable.from([Buffer.from('z')]))).location).toBe(`${Buffer.from('a/../b').toString('hex')}/x2.zip`);
    for (const location of ['../etc/passwd', 'acme/../../x.zip', 'acme/x1.txt', '/abs/x.zip', 'acme/sub/x.zip']) {
      expect(() => files.open(location)).toThrow(/Not an export's location/);
      await expect(files.delete(location)).rejects.toThrow(/Not an export's location/);
    }
  });
});
