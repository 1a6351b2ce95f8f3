import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Sign-in that holds (docs/privacy.md, "Sign-in"). `sign_in_failures` counts refused sign-ins per
 * tenant and key (an account, an address, or both; tenant '' for emails no account has), so every
 * node of a cluster throttles alike. `sign_in_addresses` remembers where each account signed in
 * with its password, so the real user gets through while their account is under attack.
 * `agent_two_factor` keeps an account's TOTP secret sealed (AES-256-GCM, the relay's secrets key)
 * and the last time step used, so a code is never accepted twice; `agent_recovery_codes` only
 * hashes. A token's `scope` is 'enrol' for an administrator who must set up two-factor sign-in
 * first; `disabled_at` ends an account's sign-ins.
 */
export const addSignInSecurity: Migration = {
  version: 29,
  name: '0029-add-sign-in-security',
  up(db) {
    db.exec(`
      CREATE TABLE sign_in_failures (
        tenant_id TEXT NOT NULL,
        key TEXT NOT NULL,
        failures INTEGER NOT NULL CHECK (failures > 0),
        last_failed_at INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, key)
      ) WITHOUT ROWID;
      CREATE INDEX sign_in_failures_by_age ON sign_in_failures(last_failed_at);

      CREATE TABLE sign_in_addresses (
        agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        address TEXT NOT NULL,
        last_signed_in_at INTEGER NOT NULL,
        PRIMARY KEY (agent_id, address)
      ) WITHOUT ROWID;

      CREATE TABLE agent_two_factor (
        agent_id TEXT PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
        secret_sealed TEXT NOT NULL,
        confirmed_at INTEGER,
        last_step INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;

      CREATE TABLE agent_recovery_codes (
        agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        code_hash TEXT NOT NULL,
        used_at INTEGER,
        PRIMARY KEY (agent_id, code_hash)
      ) WITHOUT ROWID;

      ALTER TABLE tenants ADD COLUMN admins_need_two_factor INTEGER NOT NULL DEFAULT 0 CHECK (admins_need_two_factor IN (0, 1));
      ALTER TABLE auth_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'full' CHECK (scope IN ('full', 'enrol'));
      ALTER TABLE agents ADD COLUMN disabled_at INTEGER;
      CREATE INDEX auth_tokens_by_agent ON auth_tokens(agent_id);
    `);
  },
};
