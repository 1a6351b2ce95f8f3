import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { PostgresSettings } from '../../../src-node/postgres/pool.js';
import { CommitLanes, runGroup, type Asked, type GroupSteps, type Turn } from '../commit-groups.js';
import type { RelayRepositories, RelayStorage, TransactionScope } from '../port/relay-storage.js';
import { StorageUnavailable } from '../port/storage-unavailable.js';
import { accountsRepository } from './accounts-repository.js';
import { articlesRepository } from './articles-repository.js';
import { channelsRepository } from './channels-repository.js';
import { channelMediaRepository } from './channel-media-repository.js';
import { emailRepository } from './email-repository.js';
import { clientsRepository } from './clients-repository.js';
import { conversationsRepository } from './conversations-repository.js';
import { customersRepository } from './customers-repository.js';
import { eventsRepository } from './events-repository.js';
import { filesRepository } from './files-repository.js';
import { mailboxesRepository } from './mailboxes-repository.js';
import { blockedSendersRepository } from './blocked-senders-repository.js';
import { signInsRepository } from './sign-ins-repository.js';
import { singleSignOnRepository } from './single-sign-on-repository.js';
import { modelSetsRepository } from './model-sets-repository.js';
import { auditRepository } from './audit-repository.js';
import { privacyRepository } from './privacy-repository.js';
import { retentionRepository } from './retention-repository.js';
import { advisoryLeases } from './leases.js';
import type { Query } from './query.js';
import { ratingsRepository } from './ratings-repository.js';
import { PendingEvents } from './pending-events.js';
import { openRelayPool } from './relay-pool.js';
import { slaRepository } from './sla-repository.js';
import { asStorageError, isRetryable } from './storage-errors.js';
import { beginHoldingTenant } from './tenant-seq.js';

const BEGIN = 'BEGIN ISOLATION LEVEL READ COMMITTED';

function repositories(query: Query, pending: PendingEvents | null): RelayRepositories {
  return {
    accounts: accountsRepository(query),
    conversations: conversationsRepository(query),
    articles: articlesRepository(query),
    events: eventsRepository(query, pending),
    clients: clientsRepository(query),
    sla: slaRepository(query),
    ratings: ratingsRepository(query),
    channels: channelsRepository(query),
    channelMedia: channelMediaRepository(query),
    files: filesRepository(query),
    customers: customersRepository(query),
    email: emailRepository(query),
    mailboxes: mailboxesRepository(query),
    blockedSenders: blockedSendersRepository(query),
    audit: auditRepository(query),
    privacy: privacyRepository(query),
    signIns: signInsRepository(query),
    retention: retentionRepository(query),
    singleSignOn: singleSignOnRepository(query),
    modelSets: modelSetsRepository(query),
  };
}

/**
 * The PostgreSQL adapter: a pool shared by every node's work, the schema migrated once across the
 * nodes (relay-pool.ts), and the timer leases on a session of their own (leases.ts).
 *
 * A transaction is one pooled client from BEGIN (READ COMMITTED) to COMMIT or ROLLBACK. One that
 * names its tenant locks the tenant's log head first (tenant-seq.ts), so the tenant's commits
 * run one at a time across nodes, as every commit does on SQLite (docs/relay-storage.md).
 * As on SQLite, a top-level call from inside a transaction is refused: here it would not wait
 * for itself, but it would read outside the transaction and could wait on its locks.
 */
export async function openPostgresStorage(settings: PostgresSettings, onIdleError: (error: Error) => void = () => undefined): Promise<RelayStorage> {
  const pool = await openRelayPool({ applicationName: 'relay', ...settings }, onIdleError);
  // Advisory locks belong to the database: the schema keeps two clusters sharing one database apart.
  const scope = (await pool.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]?.schema ?? 'public';
  const leases = advisoryLeases({ database: { ...settings, applicationName: 'relay leases' }, scope });
  const current = new AsyncLocalStorage<Turn>();

  const refusalInside = (what: string): Error | null =>
    current.getStore()?.open ? new Error(`Inside a transaction, ${what}: read and write through the transaction's repositories (changes.store) instead.`) : null;

  const poolQuery: Query = async (text, values) => {
    const refusal = refusalInside('the top-level storage was called');
    if (refusal) throw refusal;
    try {
      return await pool.query(text, values as unknown[]);
    } catch (error) {
      throw asStorageError(error);
    }
  };

  function transaction<T>(work: (tx: RelayRepositories) => Promise<T>, scope?: TransactionScope): Promise<T> {
    const refusal = refusalInside('a transaction was opened');
    if (refusal) return Promise.reject(refusal);
    // A tenant's commits wait for each other here before they take a connection: waiting on the
    // head row's lock instead would hold one pooled connection per waiting commit, and a burst for
    // one tenant would take the whole pool from the reads. Those that waited run as one group
    // (../commit-groups.ts); the row lock still orders the nodes.
    if (scope) return lanes.ask(scope.tenantId, work);
    return new Promise<T>((resolve, reject) => {
      transact(null, [{ work, resolve: resolve as (value: unknown) => void, reject }]).catch(reject);
    });
  }

  const lanes = new CommitLanes<RelayRepositories>(transact);

  /**
   * One group on one pooled client, holding the tenant's head row from BEGIN when it has one. A
   * pooled connection the server dropped while it sat idle (a restart, a failover) fails at BEGIN,
   * before any work ran: the group is tried once more on a fresh one instead of failing.
   */
  async function transact(tenantId: string | null, group: readonly Asked<RelayRepositories>[]): Promise<void> {
    try {
      await transactOnce(tenantId, group);
    } catch (error) {
      if (!(error instanceof StorageUnavailable)) throw error;
      await transactOnce(tenantId, group);
    }
  }

  /** Rejects only when the group could not begin; once it has, every transaction of it is settled. */
  async function transactOnce(tenantId: string | null, group: readonly Asked<RelayRepositories>[]): Promise<void> {
    const client = await pool.connect().catch((error: unknown) => {
      throw asStorageError(error);
    });
    let broken = false;
    // The pool listens only to idle clients: a connection lost while lent out must not end the
    // process. The statement under way fails on its own, and the client is discarded below.
    const lost = () => {
      broken = true;
    };
    client.on('error', lost);
    try {
      await runGroup(group, groupSteps(client, tenantId, () => (broken = true)));
    } finally {
      client.off('error', lost);
      // A connection that failed is closed rather than lent again.
      client.release(broken);
    }
  }

  function groupSteps(client: pg.PoolClient, tenantId: string | null, breaks: () => void): GroupSteps<RelayRepositories> {
    const pending = new PendingEvents(client);
    let restore = () => undefined as void;
    return {
      async begin() {
        try {
          if (tenantId) pending.holding(tenantId, await beginHoldingTenant(client, BEGIN, tenantId));
          else await client.query(BEGIN);
        } catch (error) {
          if (isRetryable(error)) breaks();
          throw asStorageError(error);
        }
      },
      run(turn, work) {
        const query: Query = (text, values) =>
          turn.open ? client.query(text, values as unknown[]) : Promise.reject(new Error('This transaction is over: its repositories cannot be used any more.'));
        return current.run(turn, () => work(repositories(query, pending)));
      },
      async savepoint() {
        await client.query('SAVEPOINT work');
        restore = pending.mark();
      },
      async rollbackToSavepoint() {
        await client.query('ROLLBACK TO SAVEPOINT work');
        restore();
      },
      async commit() {
        await pending.flush();
        await client.query('COMMIT');
      },
      async rollback() {
        await client.query('ROLLBACK').catch(breaks);
      },
      breaksGroup(error) {
        if (!isRetryable(error)) return false;
        breaks();
        return true;
      },
      failure: asStorageError,
    };
  }

  const topLevel = repositories(poolQuery, null);
  return {
    ...topLevel,
    // The head row's lock lasts as long as a transaction: an append outside one gets one of its own, in the tenant's lane.
    audit: { ...topLevel.audit, append: (tenantId, record) => transaction((tx) => tx.audit.append(tenantId, record), { tenantId }) },
    transaction,
    leases,
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async check() {
      await poolQuery('SELECT 1');
    },
    async close() {
      // Transactions already asked for finish first, as on SQLite.
      await lanes.idle();
      await leases.close();
      await pool.end();
    },
  };
}
