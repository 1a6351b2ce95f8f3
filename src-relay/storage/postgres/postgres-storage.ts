import { AsyncLocalStorage } from 'node:async_hooks';
import type { PostgresSettings } from '../../../src-node/postgres/pool.js';
import type { RelayRepositories, RelayStorage, TransactionScope } from '../port/relay-storage.js';
import { accountsRepository } from './accounts-repository.js';
import { articlesRepository } from './articles-repository.js';
import { channelsRepository } from './channels-repository.js';
import { clientsRepository } from './clients-repository.js';
import { conversationsRepository } from './conversations-repository.js';
import { customersRepository } from './customers-repository.js';
import { eventsRepository } from './events-repository.js';
import { filesRepository } from './files-repository.js';
import { advisoryLeases } from './leases.js';
import type { Query } from './query.js';
import { ratingsRepository } from './ratings-repository.js';
import { PendingEvents } from './pending-events.js';
import { openRelayPool } from './relay-pool.js';
import { slaRepository } from './sla-repository.js';
import { asStorageError, isRetryable } from './storage-errors.js';
import { beginHoldingTenant } from './tenant-seq.js';

const BEGIN = 'BEGIN ISOLATION LEVEL READ COMMITTED';

/** The transaction the current async work runs inside; `open` turns false once it is over. */
interface OpenTransaction {
  open: boolean;
}

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
    files: filesRepository(query),
    customers: customersRepository(query),
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
  const current = new AsyncLocalStorage<OpenTransaction>();

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

  const turns = new TenantTurns();

  function transaction<T>(work: (tx: RelayRepositories) => Promise<T>, scope?: TransactionScope): Promise<T> {
    const refusal = refusalInside('a transaction was opened');
    if (refusal) return Promise.reject(refusal);
    // A tenant's commits wait for each other here before they take a connection: waiting on the
    // head row's lock instead would hold one pooled connection per waiting commit, and a burst for
    // one tenant would take the whole pool from the reads. The row lock still orders the nodes.
    return scope ? turns.run(scope.tenantId, () => transact(work, scope)) : transact(work);
  }

  async function transact<T>(work: (tx: RelayRepositories) => Promise<T>, scope?: TransactionScope): Promise<T> {
    const client = await pool.connect().catch((error: unknown) => {
      throw asStorageError(error);
    });
    const state: OpenTransaction = { open: true };
    const query: Query = (text, values) =>
      state.open ? client.query(text, values as unknown[]) : Promise.reject(new Error('This transaction is over: its repositories cannot be used any more.'));
    let broken = false;
    // The pool listens only to idle clients: a connection lost while lent out must not end the
    // process. The statement under way fails on its own, and the client is discarded below.
    const lost = () => {
      broken = true;
    };
    client.on('error', lost);
    try {
      const pending = new PendingEvents(client);
      if (scope) pending.holding(scope.tenantId, await beginHoldingTenant(client, BEGIN, scope.tenantId));
      else await client.query(BEGIN);
      const result = await current.run(state, () => work(repositories(query, pending)));
      state.open = false;
      await pending.flush();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      state.open = false;
      broken ||= isRetryable(error);
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw asStorageError(error);
    } finally {
      client.off('error', lost);
      // A connection that failed is closed rather than lent again.
      client.release(broken);
    }
  }

  return {
    ...repositories(poolQuery, null),
    transaction,
    leases,
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async check() {
      await poolQuery('SELECT 1');
    },
    async close() {
      await leases.close();
      await pool.end();
    },
  };
}

/** One transaction at a time per tenant on this node, in the order they were asked for. */
class TenantTurns {
  private readonly last = new Map<string, Promise<unknown>>();

  run<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    const before = this.last.get(tenantId) ?? Promise.resolve();
    const mine = before.then(work);
    const done = mine.catch(() => undefined);
    this.last.set(tenantId, done);
    void done.then(() => {
      if (this.last.get(tenantId) === done) this.last.delete(tenantId);
    });
    return mine;
  }
}
