/**
 * Where the relay stands in one folder of an IMAP mailbox. UIDs mean something only under the
 * UIDVALIDITY they were read under: when the server announces another, every stored UID is void.
 */
export interface ImapFolderState {
  tenantId: string;
  /** The email channel account the mailbox belongs to. */
  accountId: string;
  folder: string;
  /** Null before the first connection read it. */
  uidValidity: number | null;
  /** The highest UID whose message `deliver` accepted; 0 before any. */
  lastUid: number;
  /** The internal date the first import started from: a rescan reaches back this far, and no further. */
  windowStart: number;
  /** True until the first import (or a rescan) reached the folder's end: until then only mail since `windowStart` is read. */
  importing: boolean;
  /**
   * The last import or rescan's progress, kept here so that any node can show it: how many
   * messages it reads in all, and how many are delivered (0 and 0 before any).
   */
  importTotal: number;
  importDone: number;
  updatedAt: number;
  /** When the relay last read the folder to its end; null before it ever did. */
  syncedAt: number | null;
  /** Why the last attempt to read it failed, in plain words; null once an attempt went well. */
  lastError: string | null;
}

/** IMAP folder states: one row per account and folder. */
export interface MailboxesRepository {
  findFolderState(accountId: string, folder: string): Promise<ImapFolderState | null>;
  /** The tenant's folder states, by account and folder, for the administrator's view of the mailboxes. */
  listFolderStates(tenantId: string): Promise<ImapFolderState[]>;
  /** Inserts the state, or replaces it whole (a first connection, a changed UIDVALIDITY, the end of an import). */
  saveFolderState(state: ImapFolderState): Promise<void>;
  /**
   * Moves `lastUid` up to `uid` once the messages up to it were delivered (counting the `delivered`
   * of them in `importDone` while importing); false, changing nothing, when the stored UIDVALIDITY
   * is another (a rescan started elsewhere) or the stored UID is already past it.
   */
  advanceFolder(accountId: string, folder: string, uidValidity: number, uid: number, at: number, delivered?: number): Promise<boolean>;
  /** The folder was read to its end at `at`: its last failure is over. No change for a folder without a state. */
  recordFolderSynced(accountId: string, folder: string, at: number): Promise<void>;
  /**
   * An attempt to read the folder failed: the reason is kept for the administrator. A folder never
   * reached (a refused login on the first connection) gets a state of its own, without a UIDVALIDITY.
   */
  recordFolderFailure(folder: Pick<ImapFolderState, 'tenantId' | 'accountId' | 'folder'>, error: string, at: number): Promise<void>;
}
