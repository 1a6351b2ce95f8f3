import type Database from 'better-sqlite3';
import type { SignInFailures, SignInsRepository } from '../port/sign-ins.js';
import type { Synchronous } from './synchronous.js';

/** Refused sign-ins per tenant and key, and the addresses accounts signed in from. */
export function createSignInsStore(db: Database.Database): Synchronous<SignInsRepository> {
  const sql = {
    failure: db.prepare(
      `INSERT INTO sign_in_failures (tenant_id, key, failures, last_failed_at) VALUES (@tenantId, @key, 1, @at)
       ON CONFLICT (tenant_id, key) DO UPDATE SET
         failures = CASE WHEN last_failed_at < @restartBefore THEN 1 ELSE failures + 1 END,
         last_failed_at = MAX(last_failed_at, @at)
       RETURNING failures`,
    ),
    clear: db.prepare('DELETE FROM sign_in_failures WHERE tenant_id = ? AND key = ?'),
    prune: db.prepare('DELETE FROM sign_in_failures WHERE last_failed_at < ?'),
    remember: db.prepare(
      `INSERT INTO sign_in_addresses (agent_id, address, last_signed_in_at) VALUES (?, ?, ?)
       ON CONFLICT (agent_id, address) DO UPDATE SET last_signed_in_at = MAX(last_signed_in_at, excluded.last_signed_in_at)`,
    ),
    known: db.prepare('SELECT 1 FROM sign_in_addresses WHERE agent_id = ? AND address = ?').pluck(),
  };
  return {
    failuresOf(tenantId, keys) {
      if (keys.length === 0) return [];
      const marks = keys.map(() => '?').join(', ');
      return db
        .prepare(`SELECT key, failures, last_failed_at AS lastFailedAt FROM sign_in_failures WHERE tenant_id = ? AND key IN (${marks})`)
        .all(tenantId, ...keys) as SignInFailures[];
    },
    recordFailure(tenantId, key, at, restartBefore) {
      return (sql.failure.get({ tenantId, key, at, restartBefore }) as { failures: number }).failures;
    },
    clearFailures(tenantId, key) {
      sql.clear.run(tenantId, key);
    },
    pruneFailures(before) {
      sql.prune.run(before);
    },
    rememberAddress(agentId, address, at) {
      sql.remember.run(agentId, address, at);
    },
    isKnownAddress(agentId, address) {
      return sql.known.get(agentId, address) !== undefined;
    },
  };
}
