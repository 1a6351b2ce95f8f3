import type { ImapFlow } from 'imapflow';
import type { WatchTiming } from './imap-settings.js';

/**
 * Waits until the open folder may have new mail: in IDLE until the server announces a message
 * (EXISTS) or `idleRenewMs` passes, or simply `pollIntervalMs` when polling. Also returns when the
 * connection closes or the watcher stops. The IDLE is left running: the next command ends it.
 */
export async function waitForNewMail(client: ImapFlow, mode: 'idle' | 'poll', timing: WatchTiming, stopped: Promise<void>): Promise<void> {
  const cleanups: (() => void)[] = [];
  try {
    await new Promise<void>((resolve) => {
      const on = (event: 'exists' | 'close') => {
        client.once(event, resolve);
        cleanups.push(() => client.off(event, resolve));
      };
      on('close');
      void stopped.then(resolve);
      const timer = setTimeout(resolve, mode === 'idle' ? timing.idleRenewMs : timing.pollIntervalMs);
      cleanups.push(() => clearTimeout(timer));
      if (mode === 'poll') return;
      on('exists');
      // An IDLE the server refused or ended early: fall back to waiting out the poll interval.
      client.idle().then(
        (ended) => {
          if (ended === false) setTimeout(resolve, timing.pollIntervalMs).unref();
        },
        () => resolve(),
      );
    });
  } finally {
    for (const cleanup of cleanups) cleanup();
  }
}
