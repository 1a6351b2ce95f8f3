import { createHash } from 'node:crypto';
import type pg from 'pg';
import { connectSession, type PostgresSettings } from '../../../src-node/postgres/pool.js';
import type { Leases } from '../port/leases.js';

/**
 * When a node dies, its socket closes and PostgreSQL frees its leases at once. When its machine
 * or network vanishes instead, server-side keepalives end the session after about
 * 5 + 3 × 2 = 11 s. The holder, for its part, believes a held lease for PROBE_AFTER_MS, then asks
 * the session, which must answer within PROBE_TIMEOUT_MS: so a holder cut off from the database
 * gives its leases up (about 3 s) before PostgreSQL hands them to another node (about 11 s).
 */
const LEASE_SESSION_SETTINGS = { tcp_keepalives_idle: '5', tcp_keepalives_interval: '2', tcp_keepalives_count: '3' };
const PROBE_AFTER_MS = 1_000;
const PROBE_TIMEOUT_MS = 2_000;

export interface AdvisoryLeaseSettings {
  /** The relay's database; the session is this node's own, outside its pool. */
  database: PostgresSettings;
  /**
   * Advisory locks belong to the database, not to a schema: relays of two clusters that share a
   * database (in two schemas) give different scopes, so their leases never meet.
   */
  scope: string;
}

interface LeaseSession {
  client: Promise<pg.Client>;
  /** When the session last answered: a held lease is believed that long without asking. */
  probedAt: number;
}

/** The advisory lock key of a lease: 64 bits of sha256 over (scope, purpose, tenant). */
export function leaseKey(scope: string, purpose: string, tenantId: string): string {
  return createHash('sha256').update(`${scope}\0${purpose}\0${tenantId}`).digest().readBigInt64BE(0).toString();
}

/**
 * Leases as PostgreSQL session-level advisory locks, all held by one session that this node keeps
 * for nothing else (a pooled connection would be lent to other work, and would carry its locks
 * along). PostgreSQL frees a session's locks when the session ends, however it ends; the node
 * forgets its leases as soon as it hears of the loss, and opens a new session on its next try.
 */
export function advisoryLeases({ database, scope }: AdvisoryLeaseSettings): Leases {
  const held = new Set<string>();
  let current: LeaseSession | undefined;
  // One statement at a time, so two tries of one lease cannot both lock it (the locks nest).
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const name = (purpose: string, tenantId: string) => JSON.stringify([purpose, tenantId]);

  function session(): LeaseSession {
    if (current) return current;
    const settings = { ...database, queryTimeoutMs: PROBE_TIMEOUT_MS, sessionSettings: { ...database.sessionSettings, ...LEASE_SESSION_SETTINGS } };
    const opened: LeaseSession = {
      client: connectSession(settings, () => forget(opened)).then(
        (client) => {
          client.once('end', () => forget(opened));
          return client;
        },
        (error: unknown) => {
          forget(opened);
          throw error;
        },
      ),
      probedAt: Date.now(),
    };
    current = opened;
    return opened;
  }

  /** The session is gone (or given up): PostgreSQL has freed, or will free, every lease it held. */
  function forget(gone: LeaseSession): void {
    if (current !== gone) return;
    current = undefined;
    held.clear();
  }

  /** Runs `statement` on the lease session; when it fails, the session is given up (and with it every lease). */
  async function onSession<T>(statement: (client: pg.Client) => Promise<T>): Promise<T> {
    const opened = session();
    const client = await opened.client;
    try {
      const result = await statement(client);
      opened.probedAt = Date.now();
      return result;
    } catch (error) {
      forget(opened);
      void client.end().catch(() => undefined);
      throw error;
    }
  }

  return {
    acquire: (purpose, tenantId) =>
      serially(async () => {
        const lease = name(purpose, tenantId);
        if (held.has(lease)) {
          // A live session still holds its locks: asking whether it lives is enough.
          if (Date.now() - session().probedAt >= PROBE_AFTER_MS) await onSession((client) => client.query('SELECT 1'));
          return held.has(lease);
        }
        const { rows } = await onSession((client) => client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS taken', [leaseKey(scope, purpose, tenantId)]));
        if (rows[0]?.taken) held.add(lease);
        return held.has(lease);
      }),
    release: (purpose, tenantId) =>
      serially(async () => {
        const lease = name(purpose, tenantId);
        if (!held.delete(lease)) return;
        await onSession((client) => client.query('SELECT pg_advisory_unlock($1::bigint)', [leaseKey(scope, purpose, tenantId)]));
      }),
    held: (purpose, tenantId) => held.has(name(purpose, tenantId)),
    close: () =>
      serially(async () => {
        const opened = current;
        current = undefined;
        held.clear();
        if (opened) await (await opened.client.catch(() => undefined))?.end();
      }),
  };
}
