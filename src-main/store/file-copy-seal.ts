import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * How a file copy is sealed on disk: AES-256-GCM, a fresh 12-byte nonce per copy, the file id as
 * associated data (a sealed copy moved under another file's name does not open).
 * Layout: "GSWF1" | nonce (12) | tag (16) | ciphertext.
 */
const MAGIC = Buffer.from('GSWF1', 'latin1');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The copies' key, derived from the cache key with HKDF, so that the cache key alone (kept sealed
 * by the keychain or derived from the passphrase) opens both, and its rotation reaches both.
 */
export function fileCopyKey(cacheKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', cacheKey, Buffer.alloc(0), 'desk attachment copies v1', 32));
}

export function sealCopy(bytes: Uint8Array, fileId: string, key: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(fileId, 'latin1'));
  const sealed = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([MAGIC, nonce, cipher.getAuthTag(), sealed]);
}

/** The bytes, or null when the copy is not sealed under this key for this file id (or was altered). */
export function openCopy(stored: Buffer, fileId: string, key: Buffer): Buffer | null {
  const header = MAGIC.length + NONCE_BYTES + TAG_BYTES;
  if (stored.length < header || !stored.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const nonce = stored.subarray(MAGIC.length, MAGIC.length + NONCE_BYTES);
  const tag = stored.subarray(MAGIC.length + NONCE_BYTES, header);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(Buffer.from(fileId, 'latin1'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(stored.subarray(header)), decipher.final()]);
  } catch {
    return null;
  }
}
