import { randomBytes, scryptSync } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Cache } from '../store/cache.js';
import { CACHE_KEY_BYTES, CacheKeyError, isPlainDatabase, keyOpensCache } from '../store/cache-cipher.js';

/** The part of Electron's `safeStorage` the cache key needs (tests pass a stand-in). */
export interface Keychain {
  isEncryptionAvailable(): boolean;
  /** Linux only: which secret store Electron found ('basic_text' when none). */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Beside the cache: the key sealed by the keychain, or the salt of the passphrase. */
export interface CacheKeyFiles {
  sealedKey: string;
  salt: string;
}

export function cacheKeyFiles(dbPath: string): CacheKeyFiles {
  return { sealedKey: `${dbPath}.key`, salt: `${dbPath}.salt` };
}

/**
 * Where a key comes from: `file` holds what is stored for it (sealed key or salt), `keyOf` turns
 * that back into the key, `create` makes a new key and what to store.
 */
export interface KeyMaterial {
  file: string;
  keyOf(stored: Buffer): Buffer;
  create(): { stored: Buffer; key: Buffer };
}

/**
 * Why the agent is asked for a passphrase, told in their language by the shell: the cache already
 * has one, the system has no keychain, or Linux runs no secret service (Electron's `basic_text`).
 */
export type PassphraseReason = 'protected' | 'no-keychain' | 'no-secret-service';

export type KeySource = { kind: 'keychain' } | { kind: 'passphrase'; reason: PassphraseReason };

/**
 * The keychain when it really protects the key. Electron's `basic_text` backend (Linux without a
 * secret service) "encrypts" with a constant password, which would only pretend. A cache already
 * keyed by a passphrase stays so.
 */
export function chooseKeySource(files: CacheKeyFiles, keychain: Keychain): KeySource {
  if (existsSync(files.salt)) return { kind: 'passphrase', reason: 'protected' };
  if (!keychain.isEncryptionAvailable()) return { kind: 'passphrase', reason: 'no-keychain' };
  if (keychain.getSelectedStorageBackend?.() === 'basic_text') return { kind: 'passphrase', reason: 'no-secret-service' };
  return { kind: 'keychain' };
}

/** 32 random bytes, sealed by the OS keychain (Keychain on macOS, DPAPI on Windows, libsecret or KWallet on Linux). */
export function keychainMaterial(files: CacheKeyFiles, keychain: Keychain): KeyMaterial {
  return {
    file: files.sealedKey,
    keyOf: (stored) => parseCacheKey(keychain.decryptString(stored), 'the sealed cache key'),
    create: () => {
      const key = randomBytes(CACHE_KEY_BYTES);
      return { key, stored: keychain.encryptString(key.toString('hex')) };
    },
  };
}

export const PASSPHRASE_MIN_LENGTH = 10;

/** scrypt at OWASP's recommended cost (N=2^17, r=8, p=1), with a random salt kept beside the cache. */
export function passphraseMaterial(files: CacheKeyFiles, passphrase: string): KeyMaterial {
  const keyOf = (salt: Buffer) => scryptSync(passphrase.normalize('NFC'), salt, CACHE_KEY_BYTES, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
  return {
    file: files.salt,
    keyOf,
    create: () => {
      if (passphrase.length < PASSPHRASE_MIN_LENGTH) throw new Error(`A passphrase needs at least ${PASSPHRASE_MIN_LENGTH} characters.`);
      const salt = randomBytes(16);
      return { stored: salt, key: keyOf(salt) };
    },
  };
}

/**
 * The key that opens the cache at `dbPath`: the stored one, or the one a rotation stored before it
 * was cut short; on a new desk (or a cache an earlier release left plain) a new one is made and
 * stored. Throws CacheKeyError when no key opens the cache (a wrong passphrase, a lost key).
 */
export function settleCacheKey(dbPath: string, material: KeyMaterial): Buffer {
  const next = `${material.file}.next`;
  if (!existsSync(material.file)) {
    if (existsSync(dbPath) && !isPlainDatabase(dbPath)) throw new CacheKeyError(dbPath);
    const { stored, key } = material.create();
    writeFileSync(material.file, stored, { mode: 0o600 });
    return key;
  }
  const key = material.keyOf(readFileSync(material.file));
  if (keyOpensCache(dbPath, key)) {
    rmSync(next, { force: true });
    return key;
  }
  if (existsSync(next)) {
    const nextKey = material.keyOf(readFileSync(next));
    if (keyOpensCache(dbPath, nextKey)) {
      renameSync(next, material.file);
      return nextKey;
    }
  }
  throw new CacheKeyError(dbPath);
}

/**
 * Rotation: a new key from `material` is stored aside first, the cache re-encrypted, and only then
 * is the new key put in place, so a crash at any step leaves a key that opens the cache
 * (`settleCacheKey` tries the one set aside).
 */
export function rotateCacheKey(material: KeyMaterial, rekey: (key: Buffer) => void): Buffer {
  const { stored, key } = material.create();
  const next = `${material.file}.next`;
  writeFileSync(next, stored, { mode: 0o600 });
  rekey(key);
  renameSync(next, material.file);
  return key;
}

/** Rotation before the workstation opens: the cache at `dbPath` and its file copies go from `previous` to `key`. */
export function rekeyCacheFile(dbPath: string, filesDir: string, previous: Buffer, key: Buffer): void {
  const cache = Cache.open(dbPath, { key: previous, filesDir });
  try {
    cache.rekey(previous, key);
  } finally {
    cache.close();
  }
}

/** A key given whole (WORKSTATION_CACHE_KEY): 64 hex digits, as `openssl rand -hex 32` prints. */
export function parseCacheKey(text: string, what = 'WORKSTATION_CACHE_KEY'): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${what} must be 64 hex digits (32 bytes), e.g. from \`openssl rand -hex 32\`.`);
  return Buffer.from(hex, 'hex');
}

/** A key given whole must open the cache; it is never stored beside it. */
export function checkGivenKey(dbPath: string, key: Buffer): Buffer {
  if (!keyOpensCache(dbPath, key)) throw new CacheKeyError(dbPath);
  return key;
}
