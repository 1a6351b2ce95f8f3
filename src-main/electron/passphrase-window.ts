import { BrowserWindow } from 'electron';
import type { DeskText } from '../desktop/desk-text.js';
import { PASSPHRASE_MIN_LENGTH, type PassphraseReason } from '../host/cache-keys.js';

export interface PassphraseQuestion {
  /** Why a passphrase is asked (no keychain). */
  reason: PassphraseReason | 'new-passphrase';
  /** A new cache: the passphrase is chosen, typed twice. */
  choosing: boolean;
  /** What went wrong with the last answer, if anything. */
  problem?: string;
}

const REASON_KEYS: Record<PassphraseQuestion['reason'], string> = {
  protected: 'passphrase.reason.protected',
  'no-keychain': 'passphrase.reason.noKeychain',
  'no-secret-service': 'passphrase.reason.noSecretService',
  'new-passphrase': 'passphrase.reason.newPassphrase',
};

/** The form's answer is a navigation to this address, which is stopped and read, never loaded. */
const ANSWER_URL = 'app://unlock/';

/**
 * Asks for the cache's passphrase before the workstation opens, in a small window of its own: a
 * plain form with no script at all (javascript off, CSP `default-src 'none'`), whose submission is
 * caught at 'will-navigate' (the lock-down stops the navigation; an app: address is never handed
 * to the system browser). Resolves null when the agent closes the window. In the language the
 * desk showed last (kept with the desktop preferences), as no page has said one yet.
 */
export function askPassphrase(question: PassphraseQuestion, text: DeskText): Promise<{ passphrase: string; repeated: string } | null> {
  const window = new BrowserWindow({
    width: 480,
    height: question.choosing ? 360 : 300,
    resizable: false,
    title: text.t('passphrase.windowTitle'),
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
  });
  return new Promise((resolve) => {
    let answered = false;
    window.webContents.on('will-navigate', (event) => {
      if (!event.url.startsWith(ANSWER_URL)) return;
      event.preventDefault();
      const form = new URL(event.url).searchParams;
      answered = true;
      resolve({ passphrase: form.get('passphrase') ?? '', repeated: form.get('repeated') ?? form.get('passphrase') ?? '' });
      window.destroy();
    });
    window.on('closed', () => {
      if (!answered) resolve(null);
    });
    void window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(formPage(question, text))}`);
  });
}

function formPage({ reason, choosing, problem }: PassphraseQuestion, { t, language, direction }: DeskText): string {
  const minimum = choosing ? ` ${t('passphrase.minimum', { count: PASSPHRASE_MIN_LENGTH })}` : '';
  const repeat = choosing ? `<label>${escapeHtml(t('passphrase.repeat'))}<input type="password" name="repeated" required minlength="${PASSPHRASE_MIN_LENGTH}" autocomplete="new-password"></label>` : '';
  return `<!doctype html><html lang="${language}" dir="${direction}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action app:">
<style>body{font:14px system-ui,sans-serif;margin:24px}label{display:block;margin:12px 0}input{display:block;width:100%;padding:6px;margin-top:4px}
.problem{color:#b00020}button{margin-top:12px;padding:6px 16px}</style></head><body>
<h3>${escapeHtml(t(choosing ? 'passphrase.chooseHeading' : 'passphrase.unlockHeading'))}</h3>
<p>${escapeHtml(t(REASON_KEYS[reason]))}${choosing ? ` ${escapeHtml(t('passphrase.chooseExplanation'))}` : ''}</p>
${problem ? `<p class="problem">${escapeHtml(problem)}</p>` : ''}
<form action="${ANSWER_URL}" method="get">
<label>${escapeHtml(t('passphrase.label') + minimum)}<input type="password" name="passphrase" required ${choosing ? `minlength="${PASSPHRASE_MIN_LENGTH}" autocomplete="new-password"` : 'autocomplete="current-password"'} autofocus></label>
${repeat}<button type="submit">${escapeHtml(t(choosing ? 'passphrase.encrypt' : 'passphrase.unlock'))}</button></form></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
