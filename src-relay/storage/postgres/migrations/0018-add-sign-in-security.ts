import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/**
 * SQLite's 0029-add-sign-in-security: refused sign-ins counted per tenant and key, shared by every
 * node, the addresses each account signed in from, sealed TOTP secrets with the last step used,
 * hashed recovery codes, the tenant's two-factor policy for administrators, a token's scope and an
 * account's disabling.
 */
export const addSignInSecurity: PostgresMigration = {
  version: 18,
  name: '0018-add-sign-in-security',
  async up(client) {
    await client.query(`
      CREATE TABLE sign_in_failures (
        tenant_id text NOT NULL,
        key text NOT NULL,
        failures integer NOT NULL CHECK (failures > 0),
        last_failed_at bigint NOT NULL,
        PRIMARY KEY (tenant_id, key)
      );
      CREATE INDEX sign_in_failures_by_age ON sign_in_failures(last_failed_at);

      CREATE TABLE sign_in_addresses (
        agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        address text NOT NULL,
        last_signed_in_at bigint NOT NULL,
        PRIMARY KEY (agent_id, address)
      );

      CREATE TABLE agent_two_factor (
        agent_id text PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
        secret_sealed text NOT NULL,
        confirmed_at bigint,
        last_step bigint NOT NULL DEFAULT 0
      );

      CREATE TABLE agent_recovery_codes (
        agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at bigint,
        PRIMARY KEY (agent_id, code_hash)
      );

      ALTER TABLE tenants ADD COLUMN admins_need_two_factor smallint NOT NULL DEFAULT 0 CHECK (admins_need_two_factor IN (0, 1));
      ALTER TABLE auth_tokens ADD COLUMN scope text NOT NULL DEFAULT 'full' CHECK (scope IN ('full', 'enrol'));
      ALTER TABLE agents ADD COLUMN disabled_at bigint;
      CREATE INDEX auth_tokens_by_agent ON auth_tokens (agent_id);
    `);
  },
};
