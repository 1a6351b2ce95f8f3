import { BrowserWindow } from 'electron';

export interface PassphraseQuestion {
  /** Why a passphrase is asked (no keychain), in the agent's words. */
  reason: string;
  /** A new cache: the passphrase is chosen, typed twice. */
  choosing: boolean;
  /** What went wrong with the last answer, if anything. */
  problem?: string;
}

/** The form's answer is a navigation to this address, which is stopped and read, never loaded. */
const ANSWER_URL = 'app://unlock/';

/**
 * Asks for the cache's passphrase before the workstation opens, in a small window of its own: a
 * plain form with no script at all (javascript off, CSP `default-src 'none'`), whose submission is
 * caught at 'will-navigate' (the lock-down stops the navigation; an app: address is never handed
 * to the system browser). Resolves null when the agent closes the window.
 */
export function askPassphrase(question: PassphraseQuestion): Promise<{ passphrase: string; repeated: string } | null> {
  const window = new BrowserWindow({
    width: 480,
    height: question.choosing ? 360 : 300,
    resizable: false,
    title: 'Unlock the workstation',
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
    void window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(formPage(question))}`);
  });
}

function formPage({ reason, choosing, problem }: PassphraseQuestion): string {
  const repeat = choosing ? '<label>Type it again<input type="password" name="repeated" required minlength="10" autocomplete="new-password"></label>' : '';
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action app:">
<style>body{font:14px system-ui,sans-serif;margin:24px}label{display:block;margin:12px 0}input{display:block;width:100%;padding:6px;margin-top:4px}
.problem{color:#b00020}button{margin-top:12px;padding:6px 16px}</style></head><body>
<h3>${choosing ? 'Choose a passphrase for this desk' : 'Unlock this desk'}</h3>
<p>${escapeHtml(reason)} ${choosing ? 'It encrypts the messages kept on this computer. It cannot be recovered: without it the cache must be wiped.' : ''}</p>
${problem ? `<p class="problem">${escapeHtml(problem)}</p>` : ''}
<form action="${ANSWER_URL}" method="get">
<label>Passphrase${choosing ? ' (at least 10 characters)' : ''}<input type="password" name="passphrase" required ${choosing ? 'minlength="10" autocomplete="new-password"' : 'autocomplete="current-password"'} autofocus></label>
${repeat}<button type="submit">${choosing ? 'Encrypt the cache' : 'Unlock'}</button></form></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
