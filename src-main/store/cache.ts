import type Database from 'better-sqlite3';
import { isPlainDatabase, rekeyConnection } from './cache-cipher.js';
import { openCacheDatabase } from './cache-database.js';
import { FileCopies } from './file-copies.js';
import { fileCopyKey } from './file-copy-seal.js';
import { ConversationStore } from './conversation-store.js';
import { CustomerStore } from './customer-store.js';
import { ArticleDraftStore } from './article-draft-store.js';
import { ArticleStore } from './article-store.js';
import { InsightStore } from './insight-store.js';
import { MessageStore } from './message-store.js';
import { NoticeStore } from './notice-store.js';
import { OutboxStore } from './outbox-store.js';
import { PendingWrapUpStore } from './pending-wrap-up-store.js';
import { PhoneSettingsStore } from './phone-settings-store.js';
import { ReplyOptionsStore } from './reply-options-store.js';
import { ResyncStore } from './resync-store.js';
import { SearchIndex } from './search-index.js';
import { SessionStore } from './session-store.js';
import { ViewStore } from './view-store.js';
import { WaitingWorkStore } from './waiting-work-store.js';

export interface CacheOptions {
  /** Encrypts the database and the file copies at rest (docs/privacy.md); absent, both stay plain (tests). */
  key?: Buffer | null;
  /** Where copies of attachments are kept; absent, none are kept. */
  filesDir?: string | null;
}

/** One agent's local SQLite cache: the stores over one connection, and transactions across them. */
export class Cache {
  readonly session: SessionStore;
  readonly conversations: ConversationStore;
  readonly messages: MessageStore;
  readonly outbox: OutboxStore;
  readonly notices: NoticeStore;
  readonly resync: ResyncStore;
  readonly searchIndex: SearchIndex;
  readonly insights: InsightStore;
  readonly articles: ArticleStore;
  readonly articleDrafts: ArticleDraftStore;
  readonly phoneSettings: PhoneSettingsStore;
  readonly pendingWrapUps: PendingWrapUpStore;
  readonly customers: CustomerStore;
  readonly replyOptions: ReplyOptionsStore;
  readonly waitingWork: WaitingWorkStore;
  readonly views: ViewStore;
  private readonly erase: Database.Statement<{ id: string }>[];

  /**
   * `files`: the desk's copies of attachments, which erasure and a change of agent remove with the
   * rows that name them.
   */
  private constructor(
    private readonly db: Database.Database,
    readonly files: FileCopies,
  ) {
    this.session = new SessionStore(db);
    this.conversations = new ConversationStore(db);
    this.messages = new MessageStore(db);
    this.outbox = new OutboxStore(db, () => this.session.signIn() !== null);
    this.notices = new NoticeStore(db);
    this.resync = new ResyncStore(db);
    this.searchIndex = new SearchIndex(db);
    this.insights = new InsightStore(db);
    this.articles = new ArticleStore(db);
    this.articleDrafts = new ArticleDraftStore(db);
    this.phoneSettings = new PhoneSettingsStore(db);
    this.pendingWrapUps = new PendingWrapUpStore(db);
    this.customers = new CustomerStore(db);
    this.replyOptions = new ReplyOptionsStore(db);
    this.waitingWork = new WaitingWorkStore(db);
    this.views = new ViewStore(db);
    this.erase = [
      db.prepare('DELETE FROM messages WHERE conversation_id = @id'),
      db.prepare('DELETE FROM outbox WHERE conversation_id = @id'),
      db.prepare('DELETE FROM conversations WHERE id = @id'),
      db.prepare('DELETE FROM notices WHERE conversation_id = @id'),
      db.prepare('DELETE FROM reply_options WHERE conversation_id = @id'),
      // A call's wrap-up waiting on this desk names the caller's number.
      db.prepare('DELETE FROM pending_wrap_ups WHERE conversation_id = @id'),
      db.prepare('DELETE FROM resync_seen WHERE conversation_id = @id'),
    ];
  }

  /**
   * Opens and migrates, encrypting in place (file copies too) a cache an earlier release left plain.
   * Throws CacheKeyError for the wrong key, FutureDatabaseError for a cache written by a newer release.
   */
  static open(dbPath: string, { key = null, filesDir = null }: CacheOptions = {}): Cache {
    const wasPlain = key !== null && isPlainDatabase(dbPath);
    const files = new FileCopies(filesDir, key && fileCopyKey(key));
    const cache = new Cache(openCacheDatabase(dbPath, key), files);
    if (wasPlain && key) files.reseal(null, fileCopyKey(key));
    return cache;
  }

  /**
   * Rotation: the database is re-encrypted under `key` (PRAGMA rekey), then each file copy. A crash
   * between the two leaves copies the new key cannot open, which are dropped and fetched again.
   */
  rekey(previous: Buffer, key: Buffer): void {
    rekeyConnection(this.db, key);
    this.files.reseal(fileCopyKey(previous), fileCopyKey(key));
  }

  /** Runs `work` in one transaction: all of its writes land, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /**
   * A transaction of what the relay can send again (its events, with the cursor), committed
   * without waiting for the disk: a power cut may lose it whole, and it is simply pulled again.
   * WAL keeps it atomic either way, and the next ordinary commit syncs it along. Synchronous
   * throughout, so nothing of ours (an outbox row) can be written while the setting is relaxed.
   */
  refetchableTransaction<T>(work: () => T): T {
    this.db.pragma('synchronous = NORMAL');
    try {
      return this.db.transaction(work)();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  /**
   * The customer's data was erased at the relay: every local trace of the conversation goes,
   * unsent replies, earlier notices (which name the customer) and the copies of their files
   * included. A file that another held conversation also carries (the same PDF sent to many
   * customers) stays for it. Returns whether the conversation was here.
   */
  eraseConversation(id: string): boolean {
    return this.transaction(() => {
      const held = this.conversations.get(id) !== undefined;
      const fileIds = this.messages.fileIdsOf(id);
      for (const statement of this.erase) statement.run({ id });
      this.customers.forgetUnheld();
      for (const fileId of fileIds) if (!this.messages.findAttachment(fileId)) this.files.forget(fileId);
      return held;
    });
  }

  /** Empties the cache for another agent; the installation's client id stays. */
  wipeAgentData(): void {
    this.transaction(() => {
      this.searchIndex.forgetIndexed();
      this.messages.deleteAll();
      this.conversations.deleteAll();
      this.outbox.deleteAll();
      this.notices.deleteAll();
      this.articles.deleteAll();
      this.articleDrafts.deleteAll();
      this.customers.deleteAll();
      this.replyOptions.deleteAll();
      this.session.forgetCachedAgent();
      this.files.forgetAll();
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
