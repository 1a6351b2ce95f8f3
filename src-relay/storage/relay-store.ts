import type Database from 'better-sqlite3';
import { openDatabase } from '../../src-node/sqlite/open-database.js';
import { createAccountsStore, type AccountsStore } from './accounts-store.js';
import { createArticlesStore, type ArticlesStore } from './articles-store.js';
import { createClientsStore, type ClientsStore } from './clients-store.js';
import { createConversationsStore, type ConversationsStore } from './conversations-store.js';
import { createEventsStore, type EventsStore } from './events-store.js';
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

/** Opens (creating if needed) and migrates the relay's database; refuses one written by a newer relay. */
export function openRelayDatabase(dbPath: string): Database.Database {
  return openDatabase(dbPath, {
    migrations: MIGRATIONS,
    describeFuture: (found, known) =>
      `The relay database is at schema version ${found}, but this relay knows versions up to ${known}. ` +
      'It was written by a newer relay: run that version, or restore a backup made by this one.',
  });
}

export function openRelayStore(dbPath: string): RelayStore {
  const db = openRelayDatabase(dbPath);
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
