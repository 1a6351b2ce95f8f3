import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { emptyFile, overMaximum } from './file-check.js';

/** Bytes written to a temporary file, with their hash and size, before they are checked and kept. */
export interface StagedFile {
  path: string;
  /** SHA-256, lower-case hex. */
  id: string;
  size: number;
  discard(): Promise<void>;
}

/**
 * Writes `source` to a new temporary file in `dir`, hashing as it goes. Past `maxBytes` it stops
 * at once with a FileRefused, without destroying the source: an HTTP request stays answerable
 * (the route then closes the connection rather than read the rest).
 */
export function stageFile(source: Uint8Array | Readable, dir: string, name: string, maxBytes: number): Promise<StagedFile> {
  const input = source instanceof Readable ? source : Readable.from([Buffer.from(source.buffer, source.byteOffset, source.byteLength)]);
  const tempPath = path.join(dir, `.upload-${randomUUID()}`);
  const discard = () => rm(tempPath, { force: true });
  return new Promise<StagedFile>((resolve, reject) => {
    const out = createWriteStream(tempPath, { flags: 'wx' });
    const hash = createHash('sha256');
    let size = 0;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      detach();
      input.pause();
      out.destroy();
      // The write stream may still be opening: remove the file once it has closed.
      out.once('close', () => void discard());
      discard().then(() => reject(error), () => reject(error));
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > maxBytes) return fail(overMaximum(name, maxBytes));
      hash.update(bytes);
      if (!out.write(bytes)) {
        input.pause();
        out.once('drain', () => input.resume());
      }
    };
    const onEnd = () => {
      detach();
      if (size === 0) return fail(emptyFile(name));
      out.end(() => {
        if (settled) return;
        settled = true;
        resolve({ path: tempPath, id: hash.digest('hex'), size, discard });
      });
    };
    // A request whose client went away closes without ending.
    const onClose = () => fail(new Error(`The upload of ${name} ended before all its bytes arrived.`));
    const detach = () => {
      input.off('data', onData).off('end', onEnd).off('error', fail).off('close', onClose);
    };
    out.on('error', fail);
    input.on('data', onData).on('end', onEnd).on('error', fail).on('close', onClose);
  });
}
