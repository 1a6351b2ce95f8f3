import type { DeskText } from './desk-text.js';

export interface PassphraseQuestion {
  /** Why a passphrase is asked: host/cache-keys.ts's reasons, or a new one chosen on request. */
  reason: 'protected' | 'no-keychain' | 'no-secret-service' | 'new-passphrase';
  /** A new cache: the passphrase is chosen, typed twice, at least this long (host/cache-keys.ts). */
  choosing: { minimumLength: number } | null;
  /** What went wrong with the last answer, if anything. */
  problem?: string;
}

/** The form's answer is a navigation to this address, which is stopped and read, never loaded. */
export const ANSWER_URL = 'app://unlock/';

const REASON_KEYS: Record<PassphraseQuestion['reason'], string> = {
  protected: 'passphrase.reason.protected',
  'no-keychain': 'passphrase.reason.noKeychain',
  'no-secret-service': 'passphrase.reason.noSecretService',
  'new-passphrase': 'passphrase.reason.newPassphrase',
};

/** The form, as a page with no script, in the desk's language and its direction. */
export function passphrasePage({ reason, choosing, problem }: PassphraseQuestion, { t, language, direction }: DeskText): string {
  const minimum = choosing ? ` ${t('passphrase.minimum', { count: choosing.minimumLength })}` : '';
  const repeat = choosing ? `<label>${escapeHtml(t('passphrase.repeat'))}<input type="password" name="repeated" required minlength="${choosing.minimumLength}" autocomplete="new-password"></label>` : '';
  return `<!doctype html><html lang="${language}" dir="${direction}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action app:">
<style>body{font:14px system-ui,sans-serif;margin:24px}label{display:block;margin:12px 0}input{display:block;width:100%;padding:6px;margin-top:4px}
.problem{color:#b00020}button{margin-top:12px;padding:6px 16px}</style></head><body>
<h3>${escapeHtml(t(choosing ? 'passphrase.chooseHeading' : 'passphrase.unlockHeading'))}</h3>
<p>${escapeHtml(t(REASON_KEYS[reason]))}${choosing ? ` ${escapeHtml(t('passphrase.chooseExplanation'))}` : ''}</p>
${problem ? `<p class="problem">${escapeHtml(problem)}</p>` : ''}
<form action="${ANSWER_URL}" method="get">
<label>${escapeHtml(t('passphrase.label') + minimum)}<input type="password" name="passphrase" required ${choosing ? `minlength="${choosing.minimumLength}" autocomplete="new-password"` : 'autocomplete="current-password"'} autofocus></label>
${repeat}<button type="submit">${escapeHtml(t(choosing ? 'passphrase.encrypt' : 'passphrase.unlock'))}</button></form></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
