import { existsSync } from 'node:fs';
import { app, dialog, safeStorage } from 'electron';
import path from 'node:path';
import { cacheKeyFiles, chooseKeySource, keychainMaterial, passphraseMaterial, rekeyCacheFile, rotateCacheKey, settleCacheKey } from '../host/cache-keys.js';
import { CacheKeyError } from '../store/cache-cipher.js';
import { askPassphrase } from './passphrase-window.js';

/**
 * The desktop cache's key: sealed by the OS keychain through safeStorage, or, where the keychain
 * would only pretend (Linux's basic_text) or is missing, derived from a passphrase the agent is
 * asked for, and told why. Throws when the agent closes the question unanswered.
 */
export async function desktopCacheKey(dbPath: string): Promise<Buffer> {
  const files = cacheKeyFiles(dbPath);
  const source = chooseKeySource(files, safeStorage);
  if (source.kind === 'passphrase') return passphraseKey(dbPath, source.reason);
  try {
    const material = keychainMaterial(files, safeStorage);
    const key = settleCacheKey(dbPath, material);
    // `--rotate-cache-key` (an administrator's, or a script's after a suspected exposure).
    if (!app.commandLine.hasSwitch('rotate-cache-key')) return key;
    return rotateCacheKey(material, (next) => rekeyCacheFile(dbPath, path.join(path.dirname(dbPath), 'files'), key, next));
  } catch (error) {
    if (error instanceof CacheKeyError) dialog.showErrorBox('The workstation cannot open its cache', error.message);
    throw error;
  }
}

async function passphraseKey(dbPath: string, reason: string): Promise<Buffer> {
  // The question's window is the only one yet: closing it must not quit the app before the workstation opens.
  const stayOpen = () => undefined;
  app.on('window-all-closed', stayOpen);
  try {
    const choosing = !existsSync(cacheKeyFiles(dbPath).salt);
    const key = await askUntilItOpens(reason, choosing, (passphrase) => settleCacheKey(dbPath, passphraseMaterial(cacheKeyFiles(dbPath), passphrase)));
    if (!app.commandLine.hasSwitch('change-cache-passphrase')) return key;
    // `--change-cache-passphrase`: a new passphrase, and the cache rotated to the key it gives.
    return await askUntilItOpens('Choose the new passphrase.', true, (passphrase) =>
      rotateCacheKey(passphraseMaterial(cacheKeyFiles(dbPath), passphrase), (next) => rekeyCacheFile(dbPath, path.join(path.dirname(dbPath), 'files'), key, next)),
    );
  } finally {
    app.off('window-all-closed', stayOpen);
  }
}

/** Asks until `keyFrom` accepts a passphrase: a wrong or too short one is asked again, with the reason. */
async function askUntilItOpens(reason: string, choosing: boolean, keyFrom: (passphrase: string) => Buffer): Promise<Buffer> {
  let problem: string | undefined;
  for (;;) {
    const answer = await askPassphrase({ reason, choosing, problem });
    if (!answer) throw new Error('No passphrase was given: the workstation does not open its cache without one.');
    if (answer.passphrase !== answer.repeated) {
      problem = 'The two passphrases differ.';
      continue;
    }
    try {
      return keyFrom(answer.passphrase);
    } catch (error) {
      if (!(error instanceof CacheKeyError) && !/at least \d+ characters/.test(String(error))) throw error;
      problem = error instanceof CacheKeyError ? 'That passphrase does not open this desk’s cache.' : (error as Error).message;
    }
  }
}
