import type { ImapFlow } from 'imapflow';
import type { ImapFolderState, MailboxesRepository } from '../../storage/port/mailboxes.js';
import type { WatchedFolder } from './imap-settings.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Hands one raw message to the inbound pipeline. Resolves once the message is stored (or
 * knowingly dropped: blocked, a duplicate, unreadable); rejects only when it may succeed later
 * (the database is away). Called at least once per message: the pipeline de-duplicates by
 * Message-ID (a content hash without one), so a message delivered again is not stored twice.
 */
export type DeliverMail = (raw: Buffer) => Promise<void>;

/** How far a first import or a rescan has come, for the administrator. */
export interface ImportProgress {
  done: number;
  total: number;
}

export interface FolderSyncContext {
  client: ImapFlow;
  folder: WatchedFolder;
  store: Pick<MailboxesRepository, 'findFolderState' | 'saveFolderState' | 'advanceFolder' | 'recordFolderSynced' | 'recordFolderFailure'>;
  deliver: DeliverMail;
  now(): number;
  /** True once the watcher is asked to stop: the pass ends after the message under way. */
  stopping(): boolean;
  /** A first import or rescan: called as it starts and after each message. */
  onProgress(progress: ImportProgress): void;
}

/**
 * One pass over the open folder: every message past the stored UID is delivered in UID order,
 * and the stored UID advances after each delivery resolved, so an outage or a restart at any
 * point resumes at the first message not yet delivered. A first connection reads only the mail
 * of the last `importDays` days; a changed UIDVALIDITY voids the stored UIDs and reads the folder
 * again from the same start (everything the relay ever imported from it, delivered again and
 * de-duplicated downstream). `client` must have the folder open.
 */
export async function syncFolder(context: FolderSyncContext): Promise<void> {
  const { client, folder, store } = context;
  const opened = client.mailbox;
  if (!opened || opened.path !== folder.folder) throw new Error(`The folder ${folder.folder} is not open.`);
  const uidValidity = Number(opened.uidValidity);
  const state = await currentState(context, uidValidity);

  const after = `${state.lastUid + 1}:*`;
  // `n:*` names the last message even when its UID is below n (RFC 3501): keep only UIDs past the stored one.
  const newer = sortedAfter(await client.search({ uid: after }, { uid: true }), state.lastUid);
  const wanted = state.importing ? sortedAfter(await client.search({ uid: after, since: new Date(state.windowStart) }, { uid: true }), state.lastUid) : newer;
  const progress = state.importing ? await startImportPass(context, state, wanted.length) : null;

  for (const uid of wanted) {
    if (context.stopping()) return;
    const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
    // Expunged since the search: nothing to deliver, and nothing to come back to.
    if (message && message.source) await context.deliver(message.source);
    await store.advanceFolder(folder.accountId, folder.folder, uidValidity, uid, context.now());
    if (progress) {
      progress.done += 1;
      context.onProgress(progress);
    }
  }
  if (state.importing) await finishImport(context, uidValidity, newer.at(-1) ?? state.lastUid);
  await store.recordFolderSynced(folder.accountId, folder.folder, context.now());
}

/** The stored state, made or reset for this UIDVALIDITY. */
async function currentState(context: FolderSyncContext, uidValidity: number): Promise<ImapFolderState> {
  const { folder, store } = context;
  const stored = await store.findFolderState(folder.accountId, folder.folder);
  if (stored && stored.uidValidity === uidValidity) return stored;
  const now = context.now();
  const state: ImapFolderState = {
    tenantId: folder.tenantId,
    accountId: folder.accountId,
    folder: folder.folder,
    uidValidity,
    lastUid: 0,
    // A rescan reaches as far back as the first import did; a folder never read before (or only
    // failed at) starts its window now, with the days the administrator chose.
    windowStart: stored && stored.uidValidity !== null ? stored.windowStart : now - folder.importDays * DAY_MS,
    importing: true,
    importTotal: 0,
    importDone: 0,
    updatedAt: now,
    syncedAt: stored?.syncedAt ?? null,
    lastError: stored?.lastError ?? null,
  };
  await store.saveFolderState(state);
  return state;
}

/** An import pass (the first, or one resumed after an outage): what is done already, and what is left to read, in all. */
async function startImportPass(context: FolderSyncContext, state: ImapFolderState, left: number): Promise<ImportProgress> {
  const progress = { done: state.importDone, total: state.importDone + left };
  await context.store.saveFolderState({ ...state, importTotal: progress.total, updatedAt: context.now() });
  context.onProgress(progress);
  return progress;
}

/**
 * The import read every message of the window: older mail with a higher UID (moved in from an
 * archive) is passed over for good, and from now on every new UID is read whatever its date.
 */
async function finishImport(context: FolderSyncContext, uidValidity: number, lastSeenUid: number): Promise<void> {
  const stored = await context.store.findFolderState(context.folder.accountId, context.folder.folder);
  if (!stored || stored.uidValidity !== uidValidity) return;
  await context.store.saveFolderState({ ...stored, lastUid: Math.max(stored.lastUid, lastSeenUid), importing: false, updatedAt: context.now() });
}

function sortedAfter(uids: number[] | false | undefined, lastUid: number): number[] {
  if (!Array.isArray(uids)) throw new Error('The server refused the search.');
  return uids.filter((uid) => Number.isSafeInteger(uid) && uid > lastUid).sort((a, b) => a - b);
}
