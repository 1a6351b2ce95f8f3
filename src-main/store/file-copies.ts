import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The desk's own copies of attachments, in its data folder, so that a message's files show
 * offline. A file's name is its SHA-256 (the relay's id): a copy that no longer matches its
 * name is dropped and fetched again, and a copy written half is never read (temporary file, then
 * rename). Without a folder (a cache in memory) it keeps nothing but still checks the bytes.
 */
export class FileCopies {
  constructor(private readonly dir: string | null) {}

  read(fileId: string): Buffer | null {
    if (this.dir === null) return null;
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.pathOf(fileId));
    } catch {
      return null;
    }
    if (sha256(bytes) === fileId) return bytes;
    rmSync(this.pathOf(fileId), { force: true });
    return null;
  }

  /** False, keeping nothing, when the bytes are not the file the id names. */
  keep(fileId: string, bytes: Uint8Array): boolean {
    if (sha256(bytes) !== fileId) return false;
    if (this.dir === null) return true;
    mkdirSync(this.dir, { recursive: true });
    const temporary = path.join(this.dir, `.${randomUUID()}.part`);
    writeFileSync(temporary, bytes);
    renameSync(temporary, this.pathOf(fileId));
    return true;
  }

  /** The copy goes (a customer's data was erased); a later read fetches it again if still allowed. */
  forget(fileId: string): void {
    if (this.dir !== null) rmSync(this.pathOf(fileId), { force: true });
  }

  /** Every copy goes: another agent signs in on this desk. */
  forgetAll(): void {
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
  }

  private pathOf(fileId: string): string {
    if (this.dir === null) throw new Error('this cache keeps no file copies');
    if (!/^[0-9a-f]{64}$/.test(fileId)) throw new Error(`not a file id: ${fileId}`);
    return path.join(this.dir, fileId);
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
