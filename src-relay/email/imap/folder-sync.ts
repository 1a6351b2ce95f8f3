import type { ImapFlow } from 'imapflow';
import type { ImapFolderState, MailboxesRepository } from '../../storage/port/mailboxes.js';
import type { WatchedFolder } from './imap-settings.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Hands raw messages, in UID order, to the inbound pipeline, which stores them in that order.
 * Resolves with how many of them, from the first, are stored (or knowingly dropped: blocked, a
 * duplicate, unreadable): all of them, or fewer when one failed in a way that may succeed later
 * (the database is away), that failure given as `failure`. Called at least once per message: the
 * pipeline de-duplicates by Message-ID (a content hash without one), so a message delivered again
 * (one after a failed one, stored all the same) is not stored twice.
 */
export type DeliverMail = (raws: readonly Buffer[]) => Promise<DeliveredMail>;

export interface DeliveredMail {
  delivered: number;
  failure?: unknown;
}

/**
 * How much mail is fetched and handed over at once: a batch's messages are stored in one
 * transaction (group commit) and the next batch is fetched while one is stored. Bounded by count
 * and by bytes, so that a folder of large mails is not held in memory whole (two batches at most).
 */
export const BATCH_MESSAGES = 32;
export const BATCH_BYTES = 4 * 1024 * 1024;

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
  /** True once the watcher is asked to stop: the pass ends after the batch under way. */
  stopping(): boolean;
  /** A first import or rescan: called as it starts and after each batch. */
  onProgress(progress: ImportProgress): void;
}

/**
 * One pass over the open folder: every message past the stored UID is delivered in UID order, a
 * batch at a time, and the stored UID advances past the messages of each batch that were
 * delivered, so an outage or a restart at any point resumes at the first message not yet
 * delivered. A first connection reads only the mail of the last `importDays` days; a changed UIDVALIDITY voids the stored UIDs and reads the folder
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

  const batches = batchesOf(await sizesOf(client, wanted));
  let fetching = batches.length > 0 ? fetchSources(client, batches[0]!) : null;
  for (const [i, uids] of batches.entries()) {
    const fetched = await fetching!;
    // The next batch comes over the network while this one is parsed and stored.
    fetching = i + 1 < batches.length ? fetchSources(client, batches[i + 1]!) : null;
    // A FETCH under way is let finish (an IMAP command cannot be taken back) before the pass ends.
    if (context.stopping()) return settled(fetching);
    try {
      await deliverBatch(context, uidValidity, uids, fetched, progress);
    } catch (error) {
      await settled(fetching);
      throw error;
    }
  }
  if (state.importing) await finishImport(context, uidValidity, newer.at(-1) ?? state.lastUid);
  await store.recordFolderSynced(folder.accountId, folder.folder, context.now());
}

/**
 * Hands a batch to the pipeline and moves the stored UID past what it delivered: the whole batch
 * (messages expunged since the search included), or up to the first message it could not deliver,
 * whose failure then ends the pass (the watcher retries from there).
 */
async function deliverBatch(context: FolderSyncContext, uidValidity: number, uids: readonly number[], fetched: readonly FetchedMessage[], progress: ImportProgress | null): Promise<void> {
  const { folder, store } = context;
  // Only the UIDs are looked at afterwards: the sources are the pipeline's to let go of once read.
  const fetchedUids = fetched.map((message) => message.uid);
  const outcome = await context.deliver(fetched.map((message) => message.source));
  const complete = outcome.delivered >= fetchedUids.length;
  const through = complete ? uids.at(-1)! : fetchedUids[outcome.delivered]! - 1;
  // Counted by UID, as the import's total is: an expunged message is done too.
  const done = uids.filter((uid) => uid <= through).length;
  if (done > 0) await store.advanceFolder(folder.accountId, folder.folder, uidValidity, through, context.now(), done);
  if (progress) {
    progress.done += done;
    context.onProgress(progress);
  }
  if (!complete) throw outcome.failure instanceof Error ? outcome.failure : new Error(`A delivery failed: ${String(outcome.failure)}`);
}

const settled = async (work: Promise<unknown> | null): Promise<void> => void (await work?.catch(() => undefined));

interface FetchedMessage {
  uid: number;
  source: Buffer;
}

/** Each wanted UID with its size (RFC822.SIZE), in UID order; a message expunged since the search is left out. */
async function sizesOf(client: ImapFlow, uids: readonly number[]): Promise<{ uid: number; size: number }[]> {
  const sizes: { uid: number; size: number }[] = [];
  // A few thousand at a time: a command line stays short (servers limit its length) however scattered the UIDs.
  for (let at = 0; at < uids.length; at += 2000) {
    for await (const message of client.fetch(uidSet(uids.slice(at, at + 2000)), { uid: true, size: true }, { uid: true })) sizes.push({ uid: message.uid, size: message.size ?? 0 });
  }
  return sizes.sort((a, b) => a.uid - b.uid);
}

/** Sorted UIDs as an IMAP sequence set, runs written as ranges: 1:4,7,9:10. */
export function uidSet(uids: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < uids.length; i++) {
    const start = uids[i]!;
    while (i + 1 < uids.length && uids[i + 1] === uids[i]! + 1) i++;
    runs.push(start === uids[i] ? String(start) : `${start}:${uids[i]}`);
  }
  return runs.join(',');
}

/** UIDs in runs of at most BATCH_MESSAGES and BATCH_BYTES (a larger message alone). */
export function batchesOf(messages: readonly { uid: number; size: number }[]): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const { uid, size } of messages) {
    if (current.length > 0 && (current.length >= BATCH_MESSAGES || bytes + size > BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(uid);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The sources of a batch's messages in UID order, with one FETCH; messages expunged meanwhile are missing. */
async function fetchSources(client: ImapFlow, uids: readonly number[]): Promise<FetchedMessage[]> {
  const fetched: FetchedMessage[] = [];
  for await (const message of client.fetch(uidSet(uids), { uid: true, source: true }, { uid: true })) if (message.source) fetched.push({ uid: message.uid, source: message.source });
  return fetched.sort((a, b) => a.uid - b.uid);
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
