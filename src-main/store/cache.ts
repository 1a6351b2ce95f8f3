import type Database from 'better-sqlite3';
import { openCacheDatabase } from './cache-database.js';
import { ConversationStore } from './conversation-store.js';
import { MessageStore } from './message-store.js';
import { OutboxStore } from './outbox-store.js';
import { SessionStore } from './session-store.js';

/** One agent's local SQLite cache: the stores over one connection, and transactions across them. */
export class Cache {
  readonly session: SessionStore;
  readonly conversations: ConversationStore;
  readonly messages: MessageStore;
  readonly outbox: OutboxStore;

  private constructor(private readonly db: Database.Database) {
    this.session = new SessionStore(db);
    this.conversations = new ConversationStore(db);
    this.messages = new MessageStore(db);
    this.outbox = new OutboxStore(db);
  }

  /** Opens and migrates; throws FutureDatabaseError for a cache written by a newer release. */
  static open(dbPath: string): Cache {
    return new Cache(openCacheDatabase(dbPath));
  }

  /** Runs `work` in one transaction: all of its writes land, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Empties the cache for another agent; the installation's client id stays. */
  wipeAgentData(): void {
    this.transaction(() => {
      this.messages.deleteAll();
      this.conversations.deleteAll();
      this.outbox.deleteAll();
      this.session.forgetCachedAgent();
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
