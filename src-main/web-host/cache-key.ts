import { existsSync } from 'node:fs';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { cacheKeyFiles, checkGivenKey, parseCacheKey, passphraseMaterial, settleCacheKey } from '../host/cache-keys.js';

/**
 * The web host's cache key: WORKSTATION_CACHE_KEY (64 hex digits, from the operator's secret
 * store), else a passphrase typed at the terminal. With neither it refuses to start rather than
 * keep customers' messages in the clear.
 */
export async function webHostCacheKey(dbPath: string, environment: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const given = environment.WORKSTATION_CACHE_KEY;
  if (given) return checkGivenKey(dbPath, parseCacheKey(given));
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
