import type { SignInFailures, SignInsRepository } from '../port/sign-ins.js';
import { rowsOf, type Query } from './query.js';

/** Refused sign-ins per tenant and key, shared by every node, and the addresses accounts signed in from. */
export function signInsRepository(query: Query): SignInsRepository {
  return {
    async failuresOf(tenantId, keys) {
      if (keys.length === 0) return [];
      const rows = await rowsOf<{ key: string; failures: number; lastFailedAt: string }>(
        query,
        'SELECT key, failures, last_failed_at AS "lastFailedAt" FROM sign_in_failures WHERE tenant_id = $1 AND key = ANY($2)',
        [tenantId, keys],
      );
      return rows.map((row): SignInFailures => ({ key: row.key, failures: row.failures, lastFailedAt: Number(row.lastFailedAt) }));
    },
    async recordFailure(tenantId, key, at, restartBefore) {
      // One statement: the row lock of ON CONFLICT makes concurrent counts from several nodes add up.
      const [row] = await rowsOf<{ failures: number }>(
        query,
        `INSERT INTO sign_in_failures AS f (tenant_id, key, failures, last_failed_at) VALUES ($1, $2, 1, $3)
         ON CONFLICT (tenant_id, key) DO UPDATE SET
           failures = CASE WHEN f.last_failed_at < $4 THEN 1 ELSE f.failures + 1 END,
           last_failed_at = GREATEST(f.last_failed_at, $3)
         RETURNING failures`,
        [tenantId, key, at, restartBefore],
      );
      return row?.failures ?? 1;
    },
    async clearFailures(tenantId, key) {
      await query('DELETE FROM sign_in_failures WHERE tenant_id = $1 AND key = $2', [tenantId, key]);
    },
    async pruneFailures(before) {
      await query('DELETE FROM sign_in_failures WHERE last_failed_at < $1', [before]);
    },
    async rememberAddress(agentId, address, at) {
      await query(
        `INSERT INTO sign_in_addresses AS a (agent_id, address, last_signed_in_at) VALUES ($1, $2, $3)
         ON CONFLICT (agent_id, address) DO UPDATE SET last_signed_in_at = GREATEST(a.last_signed_in_at, $3)`,
        [agentId, address, at],
      );
    },
    async isKnownAddress(agentId, address) {
      return (await query('SELECT 1 FROM sign_in_addresses WHERE agent_id = $1 AND address = $2', [agentId, address])).rowCount === 1;
    },
  };
}
