import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createAccountsStore, type AccountsStore } from './accounts-store.js';
import { createArticlesStore, type ArticlesStore } from './articles-store.js';
import { createClientsStore, type ClientsStore } from './clients-store.js';
import { createConversationsStore, type ConversationsStore } from './conversations-store.js';
import { createEventsStore, type EventsStore } from './events-store.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { createRatingsStore, type RatingsStore } from './ratings-store.js';
import { createSlaStore, type SlaStore } from './sla-store.js';

/** The relay's one database: every SQL statement of the relay lives behind these stores. */
export interface RelayStore {
  accounts: AccountsStore;
  conversations: ConversationsStore;
  articles: ArticlesStore;
  events: EventsStore;
  clients: ClientsStore;
  sla: SlaStore;
  ratings: RatingsStore;
  /** Runs `work` in one write transaction; it commits when `work` returns and rolls back when it throws. */
  transaction<T>(work: () => T): T;
  /** A cheap query that fails when the database is unusable. */
  check(): void;
  close(): void;
}

export function openDatabase(dbPath: string): Database.Database {
  if (dbPath !== ':memory:') mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  const db = new Database(dbPath);
  try {
    db.pragma('journal_mode = WAL');
    // An ack promises durability: FULL syncs the WAL on every commit.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function openRelayStore(dbPath: string): RelayStore {
  const db = openDatabase(dbPath);
  const ping = db.prepare('SELECT 1');
  return {
    accounts: createAccountsStore(db),
    conversations: createConversationsStore(db),
    articles: createArticlesStore(db),
    events: createEventsStore(db),
    clients: createClientsStore(db),
    sla: createSlaStore(db),
    ratings: createRatingsStore(db),
    transaction: (work) => db.transaction(work).immediate(),
    check: () => void ping.get(),
    close: () => db.close(),
  };
}
