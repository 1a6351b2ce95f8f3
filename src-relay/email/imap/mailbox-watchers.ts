import { repeatEvery } from '../../repeating.js';
import type { Leases } from '../../storage/port/leases.js';
import type { DeliverMail, FolderSyncContext } from './folder-sync.js';
import { watchFolder, type FolderWatcher, type FolderWatchStatus } from './folder-watcher.js';
import type { WatchedFolder, WatchTiming } from './imap-settings.js';

/** The lease one folder's watcher runs under: the same name on every node (renaming it lets two nodes watch during an upgrade). */
export const imapLeasePurpose = (folder: Pick<WatchedFolder, 'accountId' | 'folder'>) => `email-imap:${folder.accountId}:${folder.folder}`;

export interface MailboxWatchersOptions {
  leases: Leases;
  store: FolderSyncContext['store'];
  /** Every folder that should be watched now, across tenants: the connected email accounts, their credentials unsealed. */
  listFolders(): Promise<WatchedFolder[]>;
  /** The inbound pipeline for one folder's mail. */
  deliverFor(folder: WatchedFolder): DeliverMail;
  reportError(where: string, error: unknown): void;
  /** How often the folders and leases are looked at again (default 10 s): a node takes a dead one's folders within about this long. */
  intervalMs?: number;
  timing?: Partial<WatchTiming>;
}

export interface MailboxWatchers {
  /** This node's watcher of the folder, as it is now; null when another node (or none) watches it. */
  statusOf(accountId: string, folder: string): FolderWatchStatus | null;
  /** Looks at the folders and leases now (the timer does this every interval). */
  reconcile(): Promise<void>;
  /** Stops every watcher (each after its batch of mail under way) and gives up their leases. */
  stop(): Promise<void>;
}

interface Running {
  folder: WatchedFolder;
  /** The settings it was started with: a change (a new password, another import window) restarts it. */
  settings: string;
  watcher: FolderWatcher;
}

/**
 * One watcher per folder across the cluster: each node, every interval, tries the lease of every
 * folder that should be watched, and runs a watcher for the ones it holds. A node that loses a
 * lease stops that watcher; a node that dies loses its leases and another takes them. Two nodes
 * may both watch a folder for a moment (a holder cut off from the database): their deliveries are
 * de-duplicated downstream, and the stored UID only moves up.
 */
export function startMailboxWatchers(options: MailboxWatchersOptions): MailboxWatchers {
  const running = new Map<string, Running>();
  let stopped = false;

  const stopOne = async (key: string, release: boolean) => {
    const one = running.get(key);
    if (!one) return;
    running.delete(key);
    await one.watcher.stop();
    if (release) await options.leases.release(imapLeasePurpose(one.folder), one.folder.tenantId).catch((error: unknown) => options.reportError('email-imap release', error));
  };

  const reconcileOne = async (folder: WatchedFolder) => {
    const key = imapLeasePurpose(folder);
    const held = await options.leases.acquire(key, folder.tenantId).catch((error: unknown) => {
      options.reportError('email-imap lease', error);
      return false;
    });
    const current = running.get(key);
    const settings = JSON.stringify([folder.connection, folder.importDays]);
    if (current && (!held || current.settings !== settings)) await stopOne(key, false);
    if (!held || stopped || running.has(key)) return;
    const watcher = watchFolder({
      folder,
      store: options.store,
      deliver: options.deliverFor(folder),
      timing: options.timing,
      onError: (error) => options.reportError(`email-imap ${folder.accountId}/${folder.folder}`, error),
    });
    running.set(key, { folder, settings, watcher });
  };

  const reconcileAll = async () => {
    if (stopped) return;
    const folders = await options.listFolders();
    const wanted = new Set(folders.map(imapLeasePurpose));
    for (const key of [...running.keys()]) if (!wanted.has(key)) await stopOne(key, true);
    for (const folder of folders) await reconcileOne(folder);
  };
  // One look at a time: the timer's and a caller's must not both start a folder's watcher.
  let looking: Promise<void> = Promise.resolve();
  const reconcile = () => {
    const next = looking.then(reconcileAll);
    looking = next.catch(() => undefined);
    return next;
  };

  const stopTimer = repeatEvery(options.intervalMs ?? 10_000, 'email-imap', options.reportError, reconcile);
  void reconcile().catch((error: unknown) => options.reportError('email-imap', error));

  return {
    statusOf: (accountId, folder) => running.get(imapLeasePurpose({ accountId, folder }))?.watcher.status() ?? null,
    reconcile,
    async stop() {
      stopped = true;
      stopTimer();
      await looking;
      await Promise.all([...running.keys()].map((key) => stopOne(key, true)));
    },
  };
}
