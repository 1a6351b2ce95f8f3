import { BrowserWindow } from 'electron';
import type { DeskText } from '../desktop/desk-text.js';
import { ANSWER_URL, passphrasePage, type PassphraseQuestion } from '../desktop/passphrase-page.js';

export type { PassphraseQuestion } from '../desktop/passphrase-page.js';

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
    void window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(passphrasePage(question, text))}`);
  });
}
