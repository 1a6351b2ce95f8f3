import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openCopy, sealCopy } from './file-copy-seal.js';

/**
 * The desk's own copies of attachments, in its data folder, so that a message's files show
 * offline. A file's name is its SHA-256 (the relay's id): a copy that no longer matches its
 * name is dropped and fetched again, and a copy written half is never read (temporary file, then
 * rename). With a key (`file-copy-seal.ts`) each copy is sealed with AES-256-GCM; a copy that does
 * not open under it (left plain by an earlier release, or sealed under a rotated key) is dropped
 * like a damaged one. Without a folder (a cache in memory) it keeps nothing but still checks the bytes.
 */
export class FileCopies {
  constructor(
    private readonly dir: string | null,
    private key: Buffer | null = null,
  ) {}

  read(fileId: string): Buffer | null {
    return this.readUnder(fileId, this.key);
  }

  /** False, keeping nothing, when the bytes are not the file the id names. */
  keep(fileId: string, bytes: Uint8Array): boolean {
    if (sha256(bytes) !== fileId) return false;
    if (this.dir === null) return true;
    this.write(fileId, this.key ? sealCopy(bytes, fileId, this.key) : bytes);
    return true;
  }

  /**
   * Seals every copy under `key` instead: the cache key was rotated, or the cache was encrypted
   * and these copies were plain (`previous` null). A copy that does not open is dropped; it is
   * fetched again when next shown.
   */
  reseal(previous: Buffer | null, key: Buffer): void {
    this.key = key;
    for (const fileId of this.fileIds()) {
      const bytes = this.readUnder(fileId, previous);
      if (bytes) this.keep(fileId, bytes);
    }
  }

  /** The copy goes (a customer's data was erased); a later read fetches it again if still allowed. */
  forget(fileId: string): void {
    if (this.dir !== null) rmSync(this.pathOf(fileId), { force: true });
  }

  /** Every copy goes: another agent signs in on this desk, or the device is wiped. */
  forgetAll(): void {
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
  }

  private readUnder(fileId: string, key: Buffer | null): Buffer | null {
    if (this.dir === null) return null;
    let stored: Buffer;
    try {
      stored = readFileSync(this.pathOf(fileId));
    } catch {
      return null;
    }
    const bytes = key ? openCopy(stored, fileId, key) : stored;
    if (bytes && sha256(bytes) === fileId) return bytes;
    rmSync(this.pathOf(fileId), { force: true });
    return null;
  }

  private fileIds(): string[] {
    if (this.dir === null) return [];
    try {
      return readdirSync(this.dir).filter((name) => FILE_ID.test(name));
    } catch {
      return [];
    }
  }

  private write(fileId: string, stored: Uint8Array): void {
    if (this.dir === null) return;
    mkdirSync(this.dir, { recursive: true });
    const temporary = path.join(this.dir, `.${randomUUID()}.part`);
    writeFileSync(temporary, stored);
    renameSync(temporary, this.pathOf(fileId));
  }

  private pathOf(fileId: string): string {
    if (this.dir === null) throw new Error('this cache keeps no file copies');
    if (!FILE_ID.test(fileId)) throw new Error(`not a file id: ${fileId}`);
    return path.join(this.dir, fileId);
  }
}

const FILE_ID = /^[0-9a-f]{64}$/;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
