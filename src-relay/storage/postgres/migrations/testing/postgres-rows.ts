import type { PostgresMigration } from '../../../../../src-node/postgres/migration.js';
import type { MigrationCase } from '../../../../../src-node/testing/migration-harness.js';
import type { TestSchema } from '../../../../../src-node/testing/postgres-schema.js';

export type PostgresCase = MigrationCase<TestSchema, PostgresMigration>;

/** Rows for the migration cases, written with the columns their table had when it was created, so they fit any later version. */

/** Tenant t1 with team `team`, agent `ann` in it, customer `cu`, conversation `c1` and its message `m1` (version 1). */
export async function insertConversation(db: TestSchema): Promise<void> {
  await db.pool.query(`INSERT INTO tenants (id, name, created_at) VALUES ('t1', 'One', 0);
    INSERT INTO teams (id, tenant_id, name, languages, position) VALUES ('team', 't1', 'Team', '["en"]', 0);
    INSERT INTO agents (id, tenant_id, email, name, role, language, password_hash, created_at) VALUES ('ann', 't1', 'ann@x.test', 'Ann', 'agent', 'en', 'h', 0);
    INSERT INTO agent_teams VALUES ('ann', 'team');
    INSERT INTO customers (id, tenant_id, name, language, market, created_at) VALUES ('cu', 't1', 'Nok', 'th', 'TH', 0);
    INSERT INTO conversations (id, tenant_id, customer_id, channel, team_id, assignee_id, status, language, market, created_at, updated_at, last_message_at, last_message_preview)
      VALUES ('c1', 't1', 'cu', 'webchat', 'team', 'ann', 'open', 'th', 'TH', 1, 2, 3, 'hello');
    INSERT INTO messages (id, tenant_id, conversation_id, author, author_id, author_name, body, client_message_id, created_at)
      VALUES ('m1', 't1', 'c1', 'customer', 'cu', 'Nok', 'hello', 'x1', 3);`);
}

export async function rows(db: TestSchema, sql: string, ...params: unknown[]): Promise<unknown[]> {
  return (await db.pool.query(sql, params)).rows;
}

export async function column(db: TestSchema, sql: string, ...params: unknown[]): Promise<unknown[]> {
  return (await db.pool.query({ text: sql, values: params, rowMode: 'array' })).rows.map((row: unknown[]) => row[0]);
}

/** What PostgreSQL says when `sql` fails (constraint names are PostgreSQL's own: `<table>_<column>_check`, `_fkey`, `_pkey`, `_key`). */
export async function refusal(db: TestSchema, sql: string, ...params: unknown[]): Promise<string> {
  try {
    await db.pool.query(sql, params);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`expected PostgreSQL to refuse: ${sql}`);
}
