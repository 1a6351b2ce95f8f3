import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0031-add-single-sign-on: each company's OpenID Connect provider, and sign-ins waiting (taken once). */
export const addSingleSignOn: PostgresMigration = {
  version: 20,
  name: '0020-add-single-sign-on',
  async up(client) {
    await client.query(`
      CREATE TABLE tenant_sso (
        tenant_id text PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        issuer text NOT NULL,
        client_id text NOT NULL,
        client_secret_sealed text NOT NULL,
        display_name text NOT NULL,
        updated_at bigint NOT NULL
      );

      CREATE TABLE sso_pending (
        key_hash text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('authorization', 'handoff')),
        tenant_id text NOT NULL,
        sealed text NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX sso_pending_by_expiry ON sso_pending(expires_at);
    `);
  },
};
