import type Database from 'better-sqlite3';
import { openDatabase } from '../../../src-node/sqlite/open-database.js';
import type { RelayRepositories, RelayStorage } from '../port/relay-storage.js';
import { createAccountsStore } from './accounts-store.js';
import { createArticlesStore } from './articles-store.js';
import { createChannelsStore } from './channels-store.js';
import { createChannelMediaStore } from './channel-media-store.js';
import { createEmailStore } from './email-store.js';
import { createClientsStore } from './clients-store.js';
import { ConnectionTurns } from './connection-turns.js';
import { createConversationsStore } from './conversations-store.js';
import { createCustomersStore } from './customers-store.js';
import { createEventsStore } from './events-store.js';
import { createFilesStore } from './files-store.js';
import { createMailboxesStore } from './mailboxes-store.js';
import { createBlockedSendersStore } from './blocked-senders-store.js';
import { createAuditStore } from './audit-store.js';
import { MIGRATIONS } from './migrations/index.js';
import { createRatingsStore } from './ratings-store.js';
import { createSlaStore } from './sla-store.js';
import { singleNodeLeases } from './single-node-leases.js';
import type { Synchronous } from './synchronous.js';

/** Opens (creating if needed) and migrates the relay's database; refuses one written by a newer relay. */
export function openRelayDatabase(dbPath: string): Database.Database {
  // A URL here is a mistake upstream (a postgres:// location taken for a file): SQLite would make a file of that name.
  // The URL itself is not repeated: it may hold a password.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(dbPath)?.[1];
  if (scheme) throw new Error(`A ${scheme}:// URL is not a SQLite file: open it with openRelayStorage.`);
  return openDatabase(dbPath, {
    migrations: MIGRATIONS,
    describeFuture: (found, known) =>
      `The relay database is at schema version ${found}, but this relay knows versions up to ${known}. ` +
      'It was written by a newer relay: run that version, or restore a backup made by this one.',
  });
}

/** The embedded adapter: one better-sqlite3 connection (WAL), transactions taken in turn (connection-turns.ts). */
export function openSqliteStorage(dbPath: string): RelayStorage {
  const db = openRelayDatabase(dbPath);
  const stores = synchronousStores(db);
  const turns = new ConnectionTurns(db);
  const ping = db.prepare('SELECT 1');
  return {
    ...repositories(stores, (call) => turns.statement(call)),
    // One write transaction runs at a time: every tenant's commits already run one at a time.
    transaction: (work) => turns.transaction((inside) => work(repositories(stores, inside))),
    leases: singleNodeLeases(),
    pool: () => ({ total: 1, idle: null, waiting: null }),
    check: () => turns.statement(() => void ping.get()),
    close: () => turns.finally(() => db.close()),
  };
}

type SynchronousStores = { [Area in keyof RelayRepositories]: Synchronous<RelayRepositories[Area]> };

function synchronousStores(db: Database.Database): SynchronousStores {
  return {
    accounts: createAccountsStore(db),
    conversations: createConversationsStore(db),
    articles: createArticlesStore(db),
    events: createEventsStore(db),
    clients: createClientsStore(db),
    sla: createSlaStore(db),
    ratings: createRatingsStore(db),
    channels: createChannelsStore(db),
    channelMedia: createChannelMediaStore(db),
    files: createFilesStore(db),
    customers: createCustomersStore(db),
    email: createEmailStore(db),
    mailboxes: createMailboxesStore(db),
    blockedSenders: createBlockedSendersStore(db),
    audit: createAuditStore(db),
  };
}

type Run = <T>(call: () => T) => Promise<T>;

/** The port's repositories over the synchronous stores, each call made through `run` (its turn, or the open transaction). */
function repositories(stores: SynchronousStores, run: Run): RelayRepositories {
  return {
    accounts: promising(stores.accounts, run),
    conversations: promising(stores.conversations, run),
    articles: promising(stores.articles, run),
    events: promising(stores.events, run),
    clients: promising(stores.clients, run),
    sla: promising(stores.sla, run),
    ratings: promising(stores.ratings, run),
    channels: promising(stores.channels, run),
    channelMedia: promising(stores.channelMedia, run),
    files: promising(stores.files, run),
    customers: promising(stores.customers, run),
    email: promising(stores.email, run),
    mailboxes: promising(stores.mailboxes, run),
    blockedSenders: promising(stores.blockedSenders, run),
    audit: promising(stores.audit, run),
  };
}

function promising<Repository extends object>(store: Synchronous<Repository>, run: Run): Repository {
  const methods: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, method] of Object.entries(store) as [string, (...args: unknown[]) => unknown][]) {
    methods[name] = (...args) => run(() => method.apply(store, args));
  }
  // Every method of Synchronous<Repository> is now the Repository's promise of the same result.
  return methods as unknown as Repository;
}
