import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/**
 * SQLite's 0028-add-sign-in-security: refused sign-ins counted per tenant and key, shared by every
 * node, and the addresses each account signed in from.
 *
 * Numbered 0017 as the lead asked; its version stays contiguous in this branch (16) until 0016 lands.
 */
export const addSignInSecurity: PostgresMigration = {
  version: 16,
  name: '0017-add-sign-in-security',
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
    `);
  },
};
