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
import { createSignInsStore } from './sign-ins-store.js';
import { createSingleSignOnStore } from './single-sign-on-store.js';
import { createModelSetsStore } from './model-sets-store.js';
import { createAuditStore } from './audit-store.js';
import { createPrivacyStore } from './privacy-store.js';
import { MIGRATIONS } from './migrations/index.js';
import { createRatingsStore } from './ratings-store.js';
import { createRetentionStore } from './retention-store.js';
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
  const over = promisingOver(stores);
  const turns = new ConnectionTurns(db);
  const ping = db.prepare('SELECT 1');
  const outside = over(
    (call) => turns.statement(call),
    (call) => turns.statement(call, true),
  );
  return {
    // Every area of the relay's own repositories, made once (a spread copies own properties only).
    ...(Object.fromEntries(Object.keys(stores).map((area) => [area, outside[area as keyof RelayRepositories]])) as unknown as RelayRepositories),
    // One write transaction runs at a time: every tenant's commits already run one at a time.
    transaction: (work) => turns.transaction((inside) => work(over(inside))),
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
    privacy: createPrivacyStore(db),
    signIns: createSignInsStore(db),
    retention: createRetentionStore(db),
    singleSignOn: createSingleSignOnStore(db),
    modelSets: createModelSetsStore(db),
  };
}

type Run = <T>(call: () => T) => Promise<T>;

/**
 * Reads answered without waiting for the last commit's flush (connection-turns.ts): a webhook's
 * account decides only whether the webhook is taken in, and what it then writes is answered after
 * a flush of its own, which covers whatever the lookup saw. Waiting there would stop the next
 * webhooks at the door for every flush, and the relay would again do nothing while the disk works.
 */
const EARLY_READS: { readonly [Area in keyof RelayRepositories]?: readonly (keyof RelayRepositories[Area])[] } = {
  channels: ['findAccountByWebhookToken'],
};

/**
 * The port's repositories over the synchronous stores, each call made through `run` (its turn, or
 * the open transaction), the early reads through `runEarly` where given. Made for every
 * transaction, so made cheaply: one object whose areas (getters shared by all transactions) are
 * made on first use, each a proxy that wraps a method when it is looked up. Building every
 * method's wrapper up front (some two hundred closures per transaction) was a third of what an
 * email import left for V8's full collections: a batch's commits are held until the batch is
 * committed, long enough to outlive the young generation (docs/email.md).
 */
function promisingOver(stores: SynchronousStores): (run: Run, runEarly?: Run) => RelayRepositories {
  class Repositories {
    constructor(
      readonly run: Run,
      readonly runEarly: Run,
    ) {}
  }
  for (const [area, store] of Object.entries(stores) as [keyof RelayRepositories, object][]) {
    const early = new Set<string>((EARLY_READS[area] ?? []) as readonly string[]);
    Object.defineProperty(Repositories.prototype, area, {
      enumerable: true,
      get(this: Repositories) {
        const value = promising(store, (name) => (early.has(name) ? this.runEarly : this.run));
        Object.defineProperty(this, area, { value, enumerable: true, writable: true });
        return value;
      },
    });
  }
  return (run, runEarly = run) => new Repositories(run, runEarly) as unknown as RelayRepositories;
}

function promising(store: object, runOf: (name: string) => Run): object {
  return new Proxy(store, {
    get(target, name) {
      const method: unknown = Reflect.get(target, name);
      if (typeof method !== 'function' || typeof name !== 'string') return method;
      const run = runOf(name);
      return (...args: unknown[]) => run(() => (method as (...args: unknown[]) => unknown).apply(target, args));
    },
  });
}
