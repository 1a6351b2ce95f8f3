import type { LiveToken, SignInFailures, SignInsRepository, TwoFactorRecord } from '../port/sign-ins.js';
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
    async twoFactorOf(agentId) {
      const [row] = await rowsOf<{ secretSealed: string; confirmedAt: string | null; lastStep: string }>(
        query,
        'SELECT secret_sealed AS "secretSealed", confirmed_at AS "confirmedAt", last_step AS "lastStep" FROM agent_two_factor WHERE agent_id = $1',
        [agentId],
      );
      if (!row) return null;
      const record: TwoFactorRecord = { secretSealed: row.secretSealed, confirmedAt: row.confirmedAt === null ? null : Number(row.confirmedAt), lastStep: Number(row.lastStep) };
      return record;
    },
    async beginTwoFactor(agentId, secretSealed) {
      const begun = await query(
        `INSERT INTO agent_two_factor AS t (agent_id, secret_sealed) VALUES ($1, $2)
         ON CONFLICT (agent_id) DO UPDATE SET secret_sealed = excluded.secret_sealed, last_step = 0 WHERE t.confirmed_at IS NULL`,
        [agentId, secretSealed],
      );
      return begun.rowCount === 1;
    },
    async confirmTwoFactor(agentId, step, at, recoveryCodeHashes) {
      // One statement: the codes are stored only when this call is the one that confirmed.
      const [row] = await rowsOf<{ confirmed: number }>(
        query,
        `WITH confirmed AS (
           UPDATE agent_two_factor SET confirmed_at = $3, last_step = $2 WHERE agent_id = $1 AND confirmed_at IS NULL AND last_step < $2 RETURNING agent_id
         ), cleared AS (
           DELETE FROM agent_recovery_codes WHERE agent_id IN (SELECT agent_id FROM confirmed)
         ), added AS (
           INSERT INTO agent_recovery_codes (agent_id, code_hash) SELECT agent_id, unnest($4::text[]) FROM confirmed
         )
         SELECT count(*)::int AS confirmed FROM confirmed`,
        [agentId, step, at, recoveryCodeHashes],
      );
      return row?.confirmed === 1;
    },
    async useTimeStep(agentId, step) {
      return (await query('UPDATE agent_two_factor SET last_step = $2 WHERE agent_id = $1 AND confirmed_at IS NOT NULL AND last_step < $2', [agentId, step])).rowCount === 1;
    },
    async useRecoveryCode(agentId, codeHash, at) {
      return (await query('UPDATE agent_recovery_codes SET used_at = $3 WHERE agent_id = $1 AND code_hash = $2 AND used_at IS NULL', [agentId, codeHash, at])).rowCount === 1;
    },
    async removeTwoFactor(agentId) {
      await query('WITH codes AS (DELETE FROM agent_recovery_codes WHERE agent_id = $1) DELETE FROM agent_two_factor WHERE agent_id = $1', [agentId]);
    },
    async adminsNeedTwoFactor(tenantId) {
      const [row] = await rowsOf<{ need: number }>(query, 'SELECT admins_need_two_factor AS need FROM tenants WHERE id = $1', [tenantId]);
      return row?.need === 1;
    },
    async setAdminsNeedTwoFactor(tenantId, need) {
      await query('UPDATE tenants SET admins_need_two_factor = $2 WHERE id = $1', [tenantId, need ? 1 : 0]);
    },
    async disabledAt(agentId) {
      const [row] = await rowsOf<{ at: string | null }>(query, 'SELECT disabled_at AS at FROM agents WHERE id = $1', [agentId]);
      return row?.at == null ? null : Number(row.at);
    },
    async setDisabled(agentId, at) {
      await query('UPDATE agents SET disabled_at = $2 WHERE id = $1', [agentId, at]);
    },
    async setRole(agentId, role) {
      await query('UPDATE agents SET role = $2 WHERE id = $1', [agentId, role]);
    },
    liveTokens(tokenHashes, now) {
      if (tokenHashes.length === 0) return Promise.resolve([]);
      return rowsOf<LiveToken>(
        query,
        `SELECT t.token_hash AS "tokenHash", a.role FROM auth_tokens t JOIN agents a ON a.id = t.agent_id
          WHERE t.token_hash = ANY($1) AND t.scope = 'full' AND t.expires_at > $2 AND a.disabled_at IS NULL`,
        [tokenHashes, now],
      );
    },
  };
}
