import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Sign-in that holds (docs/privacy.md, "Sign-in"). `sign_in_failures` counts refused sign-ins per
 * tenant and key (an account, an address, or both; tenant '' for emails no account has), so every
 * node of a cluster throttles alike. `sign_in_addresses` remembers where each account signed in
 * with its password, so the real user gets through while their account is under attack.
 *
 * Numbered 0028 as the lead asked; its version stays contiguous in this branch (27) until 0027 lands.
 */
export const addSignInSecurity: Migration = {
  version: 27,
  name: '0028-add-sign-in-security',
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
    `);
  },
};
