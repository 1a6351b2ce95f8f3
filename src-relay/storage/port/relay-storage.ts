import type { AccountsRepository } from './accounts.js';
import type { ClientsRepository } from './clients.js';
import type { ConversationsRepository } from './conversations.js';
import type { EventsRepository } from './events.js';
import type { Leases } from './leases.js';
import type { ArticlesRepository } from './articles.js';
import type { RatingsRepository } from './ratings.js';
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
}

/**
 * The relay's storage port: SQLite embedded (storage/sqlite) or PostgreSQL (storage/postgres).
 *
 * Inside `transaction`, every read and write goes through `tx`, never through the storage
 * itself: on PostgreSQL `tx` is the one connection that holds BEGIN, and the SQLite adapter
 * refuses a top-level call made from inside a transaction rather than wait for itself. A
 * transaction cannot open another (`tx` has no `transaction`): a nested commit would publish
 * its events before the outer one is committed.
 */
export interface RelayStorage extends RelayRepositories {
  /** Runs `work` in one write transaction: committed when it resolves, rolled back when it rejects. */
  transaction<T>(work: (tx: RelayRepositories) => Promise<T>): Promise<T>;
  /** Per-tenant timer leases: advisory locks shared by the nodes on PostgreSQL, always held by a relay alone on SQLite. */
  readonly leases: Leases;
  /** A cheap query that fails when the database is unusable. */
  check(): Promise<void>;
  /** Waits for the work under way, then closes; nothing may be called afterwards. */
  close(): Promise<void>;
}
