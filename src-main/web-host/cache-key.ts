import { existsSync } from 'node:fs';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import path from 'node:path';
import { cacheKeyFiles, checkGivenKey, parseCacheKey, passphraseMaterial, rekeyCacheFile, settleCacheKey } from '../host/cache-keys.js';
import { keyOpensCache } from '../store/cache-cipher.js';

/**
 * The web host's cache key: WORKSTATION_CACHE_KEY (64 hex digits, from the operator's secret
 * store), else a passphrase typed at the terminal. With neither it refuses to start rather than
 * keep customers' messages in the clear. WORKSTATION_NEW_CACHE_KEY beside it rotates the key.
 */
export async function webHostCacheKey(dbPath: string, environment: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const given = environment.WORKSTATION_CACHE_KEY;
  if (given) return givenKey(dbPath, parseCacheKey(given), environment.WORKSTATION_NEW_CACHE_KEY);
  if (!process.stdin.isTTY) {
    throw new Error(
      'The workstation cache is encrypted and needs a key: set WORKSTATION_CACHE_KEY to 64 hex digits (e.g. `openssl rand -hex 32`, ' +
        'kept in your secret store), or start the web host in a terminal to be asked for a passphrase.',
    );
  }
  const files = cacheKeyFiles(dbPath);
  const isNew = !existsSync(files.salt);
  const passphrase = await askHidden(isNew ? 'Choose a passphrase for this desk’s cache (at least 10 characters): ' : 'Passphrase for this desk’s cache: ');
  if (isNew && (await askHidden('Type it again: ')) !== passphrase) throw new Error('The two passphrases differ; nothing was created.');
  return settleCacheKey(dbPath, passphraseMaterial(files, passphrase));
}

/**
 * With WORKSTATION_NEW_CACHE_KEY the cache is re-encrypted under it before the workstation opens;
 * once done (or if a rotation already did it) the new key is the one that opens the cache, and the
 * operator moves it into WORKSTATION_CACHE_KEY.
 */
function givenKey(dbPath: string, key: Buffer, newKeyText: string | undefined): Buffer {
  if (!newKeyText) return checkGivenKey(dbPath, key);
  const newKey = parseCacheKey(newKeyText, 'WORKSTATION_NEW_CACHE_KEY');
  if (!keyOpensCache(dbPath, key) && keyOpensCache(dbPath, newKey)) return newKey;
  checkGivenKey(dbPath, key);
  rekeyCacheFile(dbPath, path.join(path.dirname(dbPath), 'files'), key, newKey);
  return newKey;
}

/** Reads a line from the terminal without echoing it. */
async function askHidden(question: string): Promise<string> {
  process.stdout.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const terminal = readline.createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    return await new Promise<string>((resolve) => terminal.question('', resolve));
  } finally {
    terminal.close();
    process.stdout.write('\n');
  }
}
