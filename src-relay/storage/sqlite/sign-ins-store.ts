import type Database from 'better-sqlite3';
import type { LiveToken, SignInFailures, SignInsRepository, TwoFactorRecord } from '../port/sign-ins.js';
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
    twoFactor: db.prepare('SELECT secret_sealed AS secretSealed, confirmed_at AS confirmedAt, last_step AS lastStep FROM agent_two_factor WHERE agent_id = ?'),
    begin: db.prepare(
      `INSERT INTO agent_two_factor (agent_id, secret_sealed) VALUES (?, ?)
       ON CONFLICT (agent_id) DO UPDATE SET secret_sealed = excluded.secret_sealed, last_step = 0 WHERE confirmed_at IS NULL`,
    ),
    confirm: db.prepare('UPDATE agent_two_factor SET confirmed_at = ?, last_step = ? WHERE agent_id = ? AND confirmed_at IS NULL AND last_step < ?'),
    insertCode: db.prepare('INSERT INTO agent_recovery_codes (agent_id, code_hash) VALUES (?, ?)'),
    deleteCodes: db.prepare('DELETE FROM agent_recovery_codes WHERE agent_id = ?'),
    useStep: db.prepare('UPDATE agent_two_factor SET last_step = ? WHERE agent_id = ? AND confirmed_at IS NOT NULL AND last_step < ?'),
    useCode: db.prepare('UPDATE agent_recovery_codes SET used_at = ? WHERE agent_id = ? AND code_hash = ? AND used_at IS NULL'),
    remove: db.prepare('DELETE FROM agent_two_factor WHERE agent_id = ?'),
    adminsNeed: db.prepare('SELECT admins_need_two_factor FROM tenants WHERE id = ?').pluck(),
    setAdminsNeed: db.prepare('UPDATE tenants SET admins_need_two_factor = ? WHERE id = ?'),
    disabledAt: db.prepare('SELECT disabled_at FROM agents WHERE id = ?').pluck(),
    setDisabled: db.prepare('UPDATE agents SET disabled_at = ? WHERE id = ?'),
    setRole: db.prepare('UPDATE agents SET role = ? WHERE id = ?'),
  };
  const confirm = db.transaction((agentId: string, step: number, at: number, hashes: readonly string[]): boolean => {
    if (sql.confirm.run(at, step, agentId, step).changes !== 1) return false;
    sql.deleteCodes.run(agentId);
    for (const hash of hashes) sql.insertCode.run(agentId, hash);
    return true;
  });
  const remove = db.transaction((agentId: string) => {
    sql.deleteCodes.run(agentId);
    sql.remove.run(agentId);
  });
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
    twoFactorOf(agentId) {
      return (sql.twoFactor.get(agentId) as TwoFactorRecord | undefined) ?? null;
    },
    beginTwoFactor(agentId, secretSealed) {
      return sql.begin.run(agentId, secretSealed).changes === 1;
    },
    confirmTwoFactor(agentId, step, at, recoveryCodeHashes) {
      return confirm(agentId, step, at, recoveryCodeHashes);
    },
    useTimeStep(agentId, step) {
      return sql.useStep.run(step, agentId, step).changes === 1;
    },
    useRecoveryCode(agentId, codeHash, at) {
      return sql.useCode.run(at, agentId, codeHash).changes === 1;
    },
    removeTwoFactor(agentId) {
      remove(agentId);
    },
    adminsNeedTwoFactor(tenantId) {
      return sql.adminsNeed.get(tenantId) === 1;
    },
    setAdminsNeedTwoFactor(tenantId, need) {
      sql.setAdminsNeed.run(need ? 1 : 0, tenantId);
    },
    disabledAt(agentId) {
      return (sql.disabledAt.get(agentId) as number | null | undefined) ?? null;
    },
    setDisabled(agentId, at) {
      sql.setDisabled.run(at, agentId);
    },
    setRole(agentId, role) {
      sql.setRole.run(role, agentId);
    },
    liveTokens(tokenHashes, now) {
      if (tokenHashes.length === 0) return [];
      return db
        .prepare(
          `SELECT t.token_hash AS tokenHash, a.role FROM json_each(?) asked
           JOIN auth_tokens t ON t.token_hash = asked.value JOIN agents a ON a.id = t.agent_id
           WHERE t.scope = 'full' AND t.expires_at > ? AND a.disabled_at IS NULL`,
        )
        .all(JSON.stringify(tokenHashes), now) as LiveToken[];
    },
  };
}
