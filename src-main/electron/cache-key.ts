import { existsSync } from 'node:fs';
import { app, dialog, safeStorage } from 'electron';
import path from 'node:path';
import type { DeskText } from '../desktop/desk-text.js';
import { cacheKeyFiles, chooseKeySource, keychainMaterial, PASSPHRASE_MIN_LENGTH, passphraseMaterial, rekeyCacheFile, rotateCacheKey, settleCacheKey, type PassphraseReason } from '../host/cache-keys.js';
import { CacheKeyError } from '../store/cache-cipher.js';
import { askPassphrase, type PassphraseQuestion } from './passphrase-window.js';

/**
 * The desktop cache's key: sealed by the OS keychain through safeStorage, or, where the keychain
 * would only pretend (Linux's basic_text) or is missing, derived from a passphrase the agent is
 * asked for, and told why, in the desk's language. Throws when the agent closes the question unanswered.
 */
export async function desktopCacheKey(dbPath: string, text: DeskText): Promise<Buffer> {
  const files = cacheKeyFiles(dbPath);
  const source = chooseKeySource(files, safeStorage);
  if (source.kind === 'passphrase') return passphraseKey(dbPath, source.reason, text);
  try {
    const material = keychainMaterial(files, safeStorage);
    const key = settleCacheKey(dbPath, material);
    // `--rotate-cache-key` (an administrator's, or a script's after a suspected exposure).
    if (!app.commandLine.hasSwitch('rotate-cache-key')) return key;
    return rotateCacheKey(material, (next) => rekeyCacheFile(dbPath, path.join(path.dirname(dbPath), 'files'), key, next));
  } catch (error) {
    if (error instanceof CacheKeyError) dialog.showErrorBox(text.t('passphrase.cannotOpen'), text.t('passphrase.cannotOpenDetail', { path: dbPath }));
    throw error;
  }
}

const NEW_PASSPHRASE = { minimumLength: PASSPHRASE_MIN_LENGTH };

async function passphraseKey(dbPath: string, reason: PassphraseReason, text: DeskText): Promise<Buffer> {
  // The question's window is the only one yet: closing it must not quit the app before the workstation opens.
  const stayOpen = () => undefined;
  app.on('window-all-closed', stayOpen);
  try {
    const choosing = existsSync(cacheKeyFiles(dbPath).salt) ? null : NEW_PASSPHRASE;
    const key = await askUntilItOpens({ reason, choosing }, text, (passphrase) => settleCacheKey(dbPath, passphraseMaterial(cacheKeyFiles(dbPath), passphrase)));
    if (!app.commandLine.hasSwitch('change-cache-passphrase')) return key;
    // `--change-cache-passphrase`: a new passphrase, and the cache rotated to the key it gives.
    return await askUntilItOpens({ reason: 'new-passphrase', choosing: NEW_PASSPHRASE }, text, (passphrase) =>
      rotateCacheKey(passphraseMaterial(cacheKeyFiles(dbPath), passphrase), (next) => rekeyCacheFile(dbPath, path.join(path.dirname(dbPath), 'files'), key, next)),
    );
  } finally {
    app.off('window-all-closed', stayOpen);
  }
}

/** Asks until `keyFrom` accepts a passphrase: a wrong or too short one is asked again, with the reason. */
async function askUntilItOpens(question: Omit<PassphraseQuestion, 'problem'>, text: DeskText, keyFrom: (passphrase: string) => Buffer): Promise<Buffer> {
  let problem: string | undefined;
  for (;;) {
    const answer = await askPassphrase({ ...question, problem }, text);
    if (!answer) throw new Error('No passphrase was given: the workstation does not open its cache without one.');
    if (answer.passphrase !== answer.repeated) {
      problem = text.t('passphrase.differ');
      continue;
    }
    // The form checks the length too; this is for a page that did not.
    if (question.choosing && answer.passphrase.length < question.choosing.minimumLength) {
      problem = text.t('passphrase.tooShort', { count: question.choosing.minimumLength });
      continue;
    }
    try {
      return keyFrom(answer.passphrase);
    } catch (error) {
      if (!(error instanceof CacheKeyError)) throw error;
      problem = text.t('passphrase.wrong');
    }
  }
}
