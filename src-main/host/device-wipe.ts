import { rmSync } from 'node:fs';
import { cacheKeyFiles } from './cache-keys.js';

/**
 * "Sign out and wipe this device": the cache with its WAL and journal, the attachment copies, and
 * every key file (sealed key, passphrase salt, and any left by a rotation cut short). Run after
 * the cache is closed.
 */
export function wipeDeviceFiles(dbPath: string, filesDir: string): void {
  const keys = cacheKeyFiles(dbPath);
  const paths = [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`, keys.sealedKey, `${keys.sealedKey}.next`, keys.salt, `${keys.salt}.next`];
  for (const file of paths) rmSync(file, { force: true });
  rmSync(filesDir, { recursive: true, force: true });
}
