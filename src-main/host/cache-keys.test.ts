import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../store/cache.js';
import { CacheKeyError } from '../store/cache-cipher.js';
import { sha256 } from '../store/file-copies.js';
import { sampleConversation, sampleMessage } from '../store/testing/records.js';
import { cacheKeyFiles, chooseKeySource, keychainMaterial, passphraseMaterial, rotateCacheKey, settleCacheKey, type Keychain } from './cache-keys.js';
import { wipeDeviceFiles } from './device-wipe.js';

/** Stands in for Electron's safeStorage: seals with its own AES key, as the OS keychain would. */
function fakeKeychain(backend = 'gnome_libsecret', available = true): Keychain & { sealed: number } {
  const own = randomBytes(32);
  const iv = Buffer.alloc(16, 7);
  return {
    sealed: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plain) {
      this.sealed++;
      const cipher = createCipheriv('aes-256-cbc', own, iv);
      return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    },
    decryptString(encrypted) {
      const decipher = createDecipheriv('aes-256-cbc', own, iv);
      return Buffer.concat([decipher.update(encrypted), decipher.final()]).toString('utf8');
    },
  };
}

describe('the cache key', () => {
  let dir: string;
  let dbPath: string;
  let filesDir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cache-keys-'));
    dbPath = path.join(dir, 'workstation.sqlite');
    filesDir = path.join(dir, 'files');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made once, sealed by the keychain, and never lies beside the cache in the clear', () => {
    const keychain = fakeKeychain();
    const material = keychainMaterial(cacheKeyFiles(dbPath), keychain);
    const key = settleCacheKey(dbPath, material);
    Cache.open(dbPath, { key, filesDir }).close();
    const stored = readFileSync(cacheKeyFiles(dbPath).sealedKey);
    expect(stored.includes(Buffer.from(key.toString('hex')))).toBe(false);
    expect(stored.includes(key)).toBe(false);
    expect(settleCacheKey(dbPath, material).equals(key)).toBe(true);
    expect(keychain.sealed).toBe(1);
  });

  it('uses the keychain only where it protects the key: basic_text or none asks for a passphrase, and says why', () => {
    const files = cacheKeyFiles(dbPath);
    expect(chooseKeySource(files, fakeKeychain('gnome_libsecret'))).toEqual({ kind: 'keychain' });
    expect(chooseKeySource(files, fakeKeychain('basic_text'))).toEqual({ kind: 'passphrase', reason: 'no-secret-service' });
    expect(chooseKeySource(files, fakeKeychain('unknown', false))).toEqual({ kind: 'passphrase', reason: 'no-keychain' });
    writeFileSync(files.salt, randomBytes(16));
    expect(chooseKeySource(files, fakeKeychain('gnome_libsecret'))).toEqual({ kind: 'passphrase', reason: 'protected' });
  });

  it('from a passphrase: the right one opens the cache, a wrong one is refused, a short one is not accepted', () => {
    const files = cacheKeyFiles(dbPath);
    expect(() => settleCacheKey(dbPath, passphraseMaterial(files, 'short'))).toThrow(/at least 10 characters/);
    const key = settleCacheKey(dbPath, passphraseMaterial(files, 'correct horse battery staple'));
    const cache = Cache.open(dbPath, { key, filesDir });
    cache.conversations.upsert(sampleConversation({ id: 'c1' }));
    cache.close();
    expect(readFileSync(files.salt)).toHaveLength(16);

    expect(() => settleCacheKey(dbPath, passphraseMaterial(files, 'correct horse battery stapler'))).toThrow(CacheKeyError);
    const again = settleCacheKey(dbPath, passphraseMaterial(files, 'correct horse battery staple'));
    expect(again.equals(key)).toBe(true);
    const reopened = Cache.open(dbPath, { key: again, filesDir });
    expect(reopened.conversations.get('c1')).toBeDefined();
    reopened.close();
  });

  it('refuses, rather than starting an empty cache over it, an encrypted cache whose key is gone', () => {
    const material = keychainMaterial(cacheKeyFiles(dbPath), fakeKeychain());
    Cache.open(dbPath, { key: settleCacheKey(dbPath, material), filesDir }).close();
    rmSync(cacheKeyFiles(dbPath).sealedKey);
    expect(() => settleCacheKey(dbPath, material)).toThrow(CacheKeyError);
  });

  it('rotates: the new key is stored, and a rotation cut short after the rekey still finds the key that opens the cache', () => {
    const files = cacheKeyFiles(dbPath);
    const material = keychainMaterial(files, fakeKeychain());
    const first = settleCacheKey(dbPath, material);
    const cache = Cache.open(dbPath, { key: first, filesDir });
    cache.conversations.upsert(sampleConversation({ id: 'c1' }));
    const second = rotateCacheKey(material, (key) => cache.rekey(first, key));
    expect(settleCacheKey(dbPath, material).equals(second)).toBe(true);

    // Cut short: the cache was rekeyed, the old key is still in place, the new one lies aside in `.next`.
    const secondStored = readFileSync(files.sealedKey);
    const third = rotateCacheKey(material, (key) => cache.rekey(second, key));
    cache.close();
    renameSync(files.sealedKey, `${files.sealedKey}.next`);
    writeFileSync(files.sealedKey, secondStored);
    expect(settleCacheKey(dbPath, material).equals(third)).toBe(true);
    expect(existsSync(`${files.sealedKey}.next`)).toBe(false);
    const reopened = Cache.open(dbPath, { key: third, filesDir });
    expect(reopened.conversations.get('c1')).toBeDefined();
    reopened.close();
  });

  it('"sign out and wipe this device" leaves nothing: cache, WAL, file copies, sealed key, salt', () => {
    const key = settleCacheKey(dbPath, keychainMaterial(cacheKeyFiles(dbPath), fakeKeychain()));
    writeFileSync(cacheKeyFiles(dbPath).salt, randomBytes(16));
    const cache = Cache.open(dbPath, { key, filesDir });
    const bytes = Buffer.from('a customer file');
    cache.files.keep(sha256(bytes), bytes);
    cache.messages.upsertSent(sampleMessage({ id: 'm1' }));
    cache.close();
    writeFileSync(`${dbPath}-wal`, 'left by a crash');
    expect(readdirSync(dir).length).toBeGreaterThanOrEqual(4);

    wipeDeviceFiles(dbPath, filesDir);
    expect(readdirSync(dir)).toEqual([]);
  });
});
