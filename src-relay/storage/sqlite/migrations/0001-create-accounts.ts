import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** Tenants, their teams and agents, and sign-in tokens. */
export const createAccounts: Migration = {
  version: 1,
  name: '0001-create-accounts',
  up(db) {
    db.exec(`
      CREATE TABLE tenants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE teams (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        name TEXT NOT NULL,
        -- JSON array of BCP 47 tags; the first is the team's working language
        languages TEXT NOT NULL,
        -- routing falls back to the first team, so the order is kept
        position INTEGER NOT NULL
      );
      CREATE INDEX teams_by_tenant ON teams(tenant_id, position);

      CREATE TABLE agents (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
        language TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        -- what the agent chose; 'offline' is derived from having no open sync connection
        presence TEXT NOT NULL DEFAULT 'away' CHECK (presence IN ('available', 'away')),
        last_assigned_at INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        UNIQUE (tenant_id, email)
      );
      CREATE INDEX agents_by_email ON agents(email);

      CREATE TABLE agent_teams (
        agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        PRIMARY KEY (agent_id, team_id)
      ) WITHOUT ROWID;

      CREATE TABLE auth_tokens (
        -- sha256 of the token: a copy of the database does not sign anyone in
        token_hash TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX auth_tokens_by_expiry ON auth_tokens(expires_at);
    `);
  },
};
