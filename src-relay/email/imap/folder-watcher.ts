import { ImapFlow } from 'imapflow';
import { backoffDelay } from './backoff.js';
import { syncFolder, type DeliverMail, type FolderSyncContext, type ImportProgress } from './folder-sync.js';
import { plainImapError } from './plain-error.js';
import { waitForNewMail } from './wait-for-mail.js';
import { DEFAULT_WATCH_TIMING, type WatchedFolder, type WatchTiming } from './imap-settings.js';

/** What a watcher is doing, for the administrator's view of a mailbox. */
export interface FolderWatchStatus {
  phase: 'connecting' | 'importing' | 'watching' | 'retrying' | 'stopped';
  /** How the watcher learns of new mail once connected: IDLE, or searching every poll interval. */
  mode: 'idle' | 'poll' | null;
  /** The last first import or rescan: done of total messages; null before any. */
  import: ImportProgress | null;
  /** Why the last attempt failed, in plain words (plain-error.ts), while retrying; null when the last one went well. */
  lastError: string | null;
}

export interface FolderWatcherOptions {
  folder: WatchedFolder;
  store: FolderSyncContext['store'];
  deliver: DeliverMail;
  timing?: Partial<WatchTiming>;
  now?: () => number;
  /** Each change of status (an import's progress included). */
  onStatus?: (status: FolderWatchStatus) => void;
  /** A failure the watcher recovers from by retrying: a bad server answer, a lost connection, a failed delivery. */
  onError?: (error: unknown) => void;
}

export interface FolderWatcher {
  status(): FolderWatchStatus;
  /** Ends the watch after the batch of mail under way (its UIDs stored), and logs out. */
  stop(): Promise<void>;
}

/**
 * Watches one folder of one mailbox: connects, catches up from the stored UID, then waits for
 * new mail (IDLE when the server offers it, else polling) and catches up again, for as long as
 * it runs. Any failure (server away, a refused login, a bad answer, a delivery that failed)
 * ends the connection and tries again after a backoff; nothing it meets throws out of it.
 */
export function watchFolder(options: FolderWatcherOptions): FolderWatcher {
  const timing = { ...DEFAULT_WATCH_TIMING, ...options.timing };
  const now = options.now ?? Date.now;
  let status: FolderWatchStatus = { phase: 'connecting', mode: null, import: null, lastError: null };
  let stopping = false;
  let client: ImapFlow | null = null;
  let wakeStop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    wakeStop = resolve;
  });

  const setStatus = (change: Partial<FolderWatchStatus>) => {
    status = { ...status, ...change };
    heedless(() => options.onStatus?.(status));
  };

  /** One connection, from login until it fails or the watcher stops; `healthy` once it has caught up. */
  const runOnce = async (healthy: () => void): Promise<void> => {
    setStatus({ phase: 'connecting' });
    client = await loggedIn(options.folder, timing, (made) => {
      client = made;
    });
    const mode = timing.useIdle && client.capabilities.has('IDLE') ? 'idle' : 'poll';
    setStatus({ mode, lastError: null });
    // New mail announced during a pass (in the answer to a FETCH) is not announced again in the
    // IDLE that follows: remember it, and make another pass at once.
    let announced = false;
    client.on('exists', () => {
      announced = true;
    });
    while (!stopping) {
      // Selected again on every pass: a server need not tell a session that its folder was deleted
      // and made again (Dovecot does not), and the old selection would go on showing the old,
      // empty folder. SELECT answers the folder's UIDVALIDITY as it is now.
      await client.mailboxOpen(options.folder.folder, { readOnly: true });
      announced = false;
      await syncFolder({
        client,
        folder: options.folder,
        store: options.store,
        deliver: options.deliver,
        now,
        stopping: () => stopping,
        onProgress: (progress) => setStatus({ phase: 'importing', import: { ...progress } }),
      });
      setStatus({ phase: 'watching' });
      healthy();
      if (!announced) await waitForNewMail(client, mode, timing, stopped);
      if (!client.usable) throw new Error('The IMAP connection closed.');
    }
  };

  const run = async () => {
    let failures = 0;
    while (!stopping) {
      try {
        await runOnce(() => {
          failures = 0;
        });
      } catch (error) {
        if (stopping) break;
        failures += 1;
        heedless(() => options.onError?.(error));
        const reason = plainImapError(error, options.folder);
        setStatus({ phase: 'retrying', lastError: reason });
        // Kept where every node can show it to the administrator; the database being away is no reason to stop retrying.
        await options.store.recordFolderFailure(options.folder, reason, now()).catch(() => undefined);
        await close(client);
        client = null;
        await sleepUnlessStopped(backoffDelay(failures, timing.firstBackoffMs, timing.maxBackoffMs), stopped);
      }
    }
    await close(client);
    setStatus({ phase: 'stopped', mode: null });
  };
  const running = run();

  return {
    status: () => status,
    async stop() {
      stopping = true;
      wakeStop();
      // A login under way may take until its timeout: cut it. Any other phase ends at its next step.
      if (status.phase === 'connecting') client?.close();
      await running;
    },
  };
}

/**
 * A client that connected and logged in. With OAuth2, a token the server refuses (expired or
 * revoked before its time) is renewed and tried once more; a second refusal is the answer.
 * `made`: each client as it is made, so that stop() can cut a login under way.
 */
async function loggedIn(folder: WatchedFolder, timing: WatchTiming, made: (client: ImapFlow) => void): Promise<ImapFlow> {
  const { oauth2 } = folder.connection;
  const token = oauth2 ? await oauth2.accessToken() : undefined;
  const first = connectionFor(folder, timing, token);
  made(first);
  try {
    await first.connect();
    return first;
  } catch (error) {
    if (!oauth2 || !(error as { authenticationFailed?: boolean }).authenticationFailed) throw error;
    first.close();
  }
  const second = connectionFor(folder, timing, await oauth2.accessToken(token));
  made(second);
  await second.connect();
  return second;
}

function connectionFor(folder: WatchedFolder, timing: WatchTiming, accessToken: string | undefined): ImapFlow {
  const { host, port, security, user, password } = folder.connection;
  const client = new ImapFlow({
    host,
    port,
    secure: security === 'tls',
    doSTARTTLS: security === 'starttls' ? true : security === 'none' ? false : undefined,
    auth: accessToken === undefined ? { user, pass: password } : { user, accessToken },
    logger: false,
    disableAutoIdle: true,
    socketTimeout: timing.socketTimeoutMs,
    clientInfo: { name: 'relay' },
  });
  // The connection's failures come back as rejected commands and a 'close'; an unheard 'error' would end the process.
  client.on('error', () => undefined);
  return client;
}

async function close(client: ImapFlow | null): Promise<void> {
  if (!client) return;
  try {
    if (client.usable) await client.logout();
  } catch {
    // Logging out of a connection that is going away: nothing left to save.
  } finally {
    client.close();
  }
}

function sleepUnlessStopped(ms: number, stopped: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), stopped]).finally(() => clearTimeout(timer));
}

/** Calls a listener: its failure is its own, and must not end the watch. */
function heedless(listener: () => void): void {
  try {
    listener();
  } catch {
    // Nothing to do: the watch goes on.
  }
}
