import type Database from 'better-sqlite3';
import type { Migration } from '../../../../../src-node/sqlite/migration.js';
import type { MigrationCase } from '../../../../../src-node/testing/migration-harness.js';

export type RelayCase = MigrationCase<Database.Database, Migration>;

/** Rows for the migration cases, written with the columns their table had when it was created, so they fit any later version. */

/** Tenant t1 with team `team`, agent `ann` in it (version 1). */
export function insertAccounts(db: Database.Database): void {
  db.exec(`INSERT INTO tenants (id, name, created_at) VALUES ('t1', 'One', 0);
    INSERT INTO teams (id, tenant_id, name, languages, position) VALUES ('team', 't1', 'Team', '["en"]', 0);
    INSERT INTO agents (id, tenant_id, email, name, role, language, password_hash, created_at) VALUES ('ann', 't1', 'ann@x.test', 'Ann', 'agent', 'en', 'h', 0);
    INSERT INTO agent_teams VALUES ('ann', 'team');`);
}

/** Accounts, customer `cu`, conversation `c1` and its message `m1` (version 2). */
export function insertConversation(db: Database.Database): void {
  insertAccounts(db);
  db.exec(`INSERT INTO customers (id, tenant_id, name, language, market, created_at) VALUES ('cu', 't1', 'Nok', 'th', 'TH', 0);
    INSERT INTO conversations (id, tenant_id, customer_id, channel, team_id, assignee_id, status, language, market, created_at, updated_at, last_message_at, last_message_preview)
      VALUES ('c1', 't1', 'cu', 'webchat', 'team', 'ann', 'open', 'th', 'TH', 1, 2, 3, 'hello');
    INSERT INTO messages (id, tenant_id, conversation_id, author, author_id, author_name, body, client_message_id, created_at)
      VALUES ('m1', 't1', 'c1', 'customer', 'cu', 'Nok', 'hello', 'x1', 3);`);
}

export function rows(db: Database.Database, sql: string, ...params: unknown[]): unknown[] {
  return db.prepare(sql).all(...params);
}

export function column(db: Database.Database, sql: string, ...params: unknown[]): unknown[] {
  return db.prepare(sql).pluck().all(...params);
}

/** Whether SQLite answers `sql` with the index `name`. */
export function usesIndex(db: Database.Database, name: string, sql: string, ...params: unknown[]): boolean {
  return JSON.stringify(rows(db, `EXPLAIN QUERY PLAN ${sql}`, ...params)).includes(name);
}
