import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Single sign-on with OpenID Connect (docs/privacy.md, "Sign-in"). `tenant_sso` holds a company's
 * provider: issuer, client id, the client secret sealed with the relay's secrets key, and the
 * name the sign-in screen shows. `sso_pending` holds what a sign-in waits with, one row per
 * random key (only its hash is stored), taken once: a started sign-in's state, nonce and PKCE
 * verifier (sealed), then the account a desk may fetch a token for.
 */
export const addSingleSignOn: Migration = {
  version: 31,
  name: '0031-add-single-sign-on',
  up(db) {
    db.exec(`
      CREATE TABLE tenant_sso (
        tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        issuer TEXT NOT NULL,
        client_id TEXT NOT NULL,
        client_secret_sealed TEXT NOT NULL,
        display_name TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE sso_pending (
        key_hash TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('authorization', 'handoff')),
        tenant_id TEXT NOT NULL,
        sealed TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sso_pending_by_expiry ON sso_pending(expires_at);
    `);
  },
};
