import Database from 'better-sqlite3';
import type { ExpectedOutcome } from './mail-corpus.js';

/** One stored mail, as the relay's database has it. */
export interface StoredMail {
  headerMessageId: string | null;
  conversationId: string;
  kind: string;
  subject: string;
  receivedAt: number;
}

/** What the bench appended, reduced to what the check needs. */
export interface AppendedMail {
  messageId: string | null;
  subject: string;
  expected: ExpectedOutcome;
}

/** Reads the relay's SQLite file beside the running relay (read-only; WAL lets both be). */
export function readDatabase<T>(dbPath: string, read: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The IMAP watcher's progress on INBOX: the last UID it handed over and whether the first import is still under way. */
export function folderProgress(dbPath: string): { lastUid: number; importing: boolean } | null {
  return readDatabase(dbPath, (db) => {
    const row = db.prepare("SELECT last_uid AS lastUid, importing FROM imap_folder_states WHERE folder = 'INBOX'").get() as { lastUid: number; importing: number } | undefined;
    return row ? { lastUid: row.lastUid, importing: row.importing === 1 } : null;
  });
}

export function storedMails(dbPath: string): StoredMail[] {
  return readDatabase(
    dbPath,
    (db) =>
      db
        .prepare('SELECT header_message_id AS headerMessageId, conversation_id AS conversationId, kind, subject, received_at AS receivedAt FROM email_originals ORDER BY received_at, rowid')
        .all() as StoredMail[],
  );
}

/** Each conversation's reply token, for the follow-ups that come back by reply address or subject tag. */
export function replyTokens(dbPath: string): Map<string, string> {
  return readDatabase(dbPath, (db) => new Map((db.prepare('SELECT conversation_id AS id, reply_token AS token FROM email_threads').all() as { id: string; token: string }[]).map((row) => [row.id, row.token])));
}

/** The stored mails by Message-ID (a mail without one by its subject, which the corpus keeps unique). */
export class StoredIndex {
  private readonly byKey = new Map<string, StoredMail[]>();

  constructor(stored: readonly StoredMail[]) {
    for (const mail of stored) {
      const key = mail.headerMessageId ?? `subject:${mail.subject}`;
      this.byKey.set(key, [...(this.byKey.get(key) ?? []), mail]);
    }
  }

  of(mail: Pick<AppendedMail, 'messageId' | 'subject'>): StoredMail[] {
    return this.byKey.get(mail.messageId ?? `subject:${mail.subject}`) ?? [];
  }
}

export interface CorpusCheck {
  /** Distinct mails appended (copies not counted). */
  distinct: number;
  /** Of those, the ones the relay should store (customers' mail and auto-replies answering a thread). */
  expectedStored: number;
  stored: number;
  /** Expected stored, found nowhere. */
  lost: number;
  /** Rows beyond the first for one mail. */
  duplicates: number;
  /** Newsletters, orphan auto-replies and bounces that were stored all the same. */
  storedWrongly: number;
  /** Mails stored as the wrong kind (a customer's mail taken for an auto-reply, or the reverse). */
  wrongKind: number;
  /** Right / all, over stored mails that belong to a thread: a first mail must open a conversation of its own, a later one join its first's. */
  threadingAccuracy: number | null;
  threadedMails: number;
  misthreaded: string[];
  /** When the last of these mails was stored (the relay's clock). */
  lastStoredAt: number | null;
}

/**
 * Checks every appended mail against the stored ones: lost, duplicated, stored though it should
 * not be, and whether each joined the conversation it belongs to. `appended` holds every mail in
 * the order appended (copies too: only a mail's first appearance counts).
 */
export function checkCorpus(appended: readonly AppendedMail[], index: StoredIndex): CorpusCheck {
  const seen = new Set<string>();
  const distinct = appended.filter((mail) => {
    const key = mail.messageId ?? `subject:${mail.subject}`;
    if (mail.expected.outcome === 'duplicate' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const conversationOfThread = new Map<string, string | null>();
  const threadOfConversation = new Map<string, string>();
  let expectedStored = 0;
  let stored = 0;
  let lost = 0;
  let duplicates = 0;
  let storedWrongly = 0;
  let wrongKind = 0;
  let right = 0;
  let threaded = 0;
  let lastStoredAt: number | null = null;
  const misthreaded: string[] = [];
  for (const mail of distinct) {
    const rows = index.of(mail);
    stored += Math.min(rows.length, 1);
    duplicates += Math.max(0, rows.length - 1);
    for (const row of rows) lastStoredAt = Math.max(lastStoredAt ?? 0, row.receivedAt);
    const expected = mail.expected;
    if (expected.outcome !== 'stored') {
      if (rows.length > 0) storedWrongly++;
      continue;
    }
    expectedStored++;
    const row = rows[0];
    if (!row) {
      lost++;
      if (expected.root) conversationOfThread.set(expected.thread, null);
      continue;
    }
    if (row.kind !== expected.kind) wrongKind++;
    threaded++;
    let ok: boolean;
    if (expected.root) {
      // A first mail opens a conversation no other thread's first mail opened.
      ok = !threadOfConversation.has(row.conversationId);
      conversationOfThread.set(expected.thread, row.conversationId);
      threadOfConversation.set(row.conversationId, expected.thread);
    } else ok = conversationOfThread.get(expected.thread) === row.conversationId;
    if (ok) right++;
    else if (misthreaded.length < 5) misthreaded.push(`${mail.messageId ?? mail.subject} (thread ${expected.thread}) joined ${row.conversationId}`);
  }
  return {
    distinct: distinct.length,
    expectedStored,
    stored,
    lost,
    duplicates,
    storedWrongly,
    wrongKind,
    threadingAccuracy: threaded === 0 ? null : Math.round((right / threaded) * 10_000) / 10_000,
    threadedMails: threaded,
    misthreaded,
    lastStoredAt,
  };
}
