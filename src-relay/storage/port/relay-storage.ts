import type { AccountsRepository } from './accounts.js';
import type { AuditRepository } from './audit.js';
import type { BlockedSendersRepository } from './blocked-senders.js';
import type { ChannelMediaRepository } from './channel-media.js';
import type { ChannelsRepository } from './channels.js';
import type { ClientsRepository } from './clients.js';
import type { ConversationsRepository } from './conversations.js';
import type { CustomersRepository } from './customers.js';
import type { EmailRepository } from './email.js';
import type { EventsRepository } from './events.js';
import type { FilesRepository } from './files.js';
import type { Leases } from './leases.js';
import type { MailboxesRepository } from './mailboxes.js';
import type { PrivacyRepository } from './privacy.js';
import type { ArticlesRepository } from './articles.js';
import type { RatingsRepository } from './ratings.js';
import type { SignInsRepository } from './sign-ins.js';
import type { RetentionRepository } from './retention.js';
import type { SingleSignOnRepository } from './single-sign-on.js';
import type { ModelSetsRepository } from './model-sets.js';
import type { SlaRepository } from './sla.js';

/**
 * Every read and write of the relay's data, by area. The same shape serves outside any
 * transaction (the storage itself) and inside one (the `tx` a transaction's work receives).
 */
export interface RelayRepositories {
  readonly accounts: AccountsRepository;
  readonly conversations: ConversationsRepository;
  readonly articles: ArticlesRepository;
  readonly events: EventsRepository;
  readonly clients: ClientsRepository;
  readonly sla: SlaRepository;
  readonly ratings: RatingsRepository;
  readonly channels: ChannelsRepository;
  readonly channelMedia: ChannelMediaRepository;
  readonly files: FilesRepository;
  readonly customers: CustomersRepository;
  readonly email: EmailRepository;
  readonly mailboxes: MailboxesRepository;
  readonly blockedSenders: BlockedSendersRepository;
  readonly audit: AuditRepository;
  readonly privacy: PrivacyRepository;
  readonly signIns: SignInsRepository;
  readonly retention: RetentionRepository;
  readonly singleSignOn: SingleSignOnRepository;
  readonly modelSets: ModelSetsRepository;
}

/** Who a transaction works for, when it works for one tenant. */
export interface TransactionScope {
  /**
   * The tenant whose state the work reads and writes. Its commits run one at a time, across
   * nodes too (PostgreSQL locks the tenant's log head row first), so a rule that reads before it
   * writes (is the conversation still unassigned?) sees what it would see on SQLite, where one
   * write transaction runs at a time. Name it for every transaction that works for a tenant
   * that exists; leave it out only for a write that reads nothing back (or a tenant being created).
   */
  tenantId: string;
}

/** Connections of the database pool, for the metrics; SQLite has one connection and no pool (idle and waiting unknown). */
export interface DatabasePool {
  total: number;
  idle: number | null;
  waiting: number | null;
}

/**
 * The relay's storage port: SQLite embedded (storage/sqlite) or PostgreSQL (storage/postgres).
 *
 * Inside `transaction`, every read and write goes through `tx`, never through the storage
 * itself: on PostgreSQL `tx` is the one connection that holds BEGIN, and both adapters refuse a
 * top-level call made from inside a transaction (on SQLite it would wait for itself). A
 * transaction cannot open another (`tx` has no `transaction`): a nested commit would publish
 * its events before the outer one is committed.
 *
 * A call fails with `StorageUnavailable` (./storage-unavailable.ts) when the database cannot do
 * it now (connection lost, serialization failure); the same work may be tried again.
 */
export interface RelayStorage extends RelayRepositories {
  /** Runs `work` in one write transaction: committed when it resolves, rolled back when it rejects. */
  transaction<T>(work: (tx: RelayRepositories) => Promise<T>, scope?: TransactionScope): Promise<T>;
  /** Per-tenant timer leases: advisory locks shared by the nodes on PostgreSQL, always held by a relay alone on SQLite. */
  readonly leases: Leases;
  /** The connection pool as it is now. */
  pool(): DatabasePool;
  /** A cheap query that fails when the database is unusable. */
  check(): Promise<void>;
  /** Waits for the work under way, gives up the leases, then closes; nothing may be called afterwards. */
  close(): Promise<void>;
}
