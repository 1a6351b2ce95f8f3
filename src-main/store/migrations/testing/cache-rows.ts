import type Database from 'better-sqlite3';
import type { Migration } from '../../../../src-node/sqlite/migration.js';
import type { MigrationCase } from '../../../../src-node/testing/migration-harness.js';

export type CacheCase = MigrationCase<Database.Database, Migration>;

/** Rows for the migration cases, written with the columns their table had when it was created, so they fit any later version. */

export function insertConversation(db: Database.Database, id: string, fields: { assigneeId?: string | null; status?: string } = {}): void {
  db.prepare(
    `INSERT INTO conversations (id, customer_id, customer_name, channel, team_id, assignee_id, status, language, market,
       created_at, updated_at, last_message_at, last_message_preview)
     VALUES (?, 'cu-' || ?, 'Nok', 'webchat', 'apac', ?, ?, 'th', 'TH', 1, 2, 3, 'hello')`,
  ).run(id, id, fields.assigneeId ?? null, fields.status ?? 'open');
}

/** Returns the message's local_seq. */
export function insertMessage(db: Database.Database, id: string, body: string, fields: { conversationId?: string; author?: 'customer' | 'agent' } = {}): number {
  const author = fields.author ?? 'customer';
  return Number(
    db
      .prepare(
        `INSERT INTO messages (id, conversation_id, author, author_name, body, created_at, delivery)
         VALUES (?, ?, ?, ?, ?, 1, 'sent')`,
      )
      .run(id, fields.conversationId ?? 'c1', author, author === 'customer' ? 'Nok' : 'Mei', body).lastInsertRowid,
  );
}

export function enqueue(db: Database.Database, kind: string, conversationId: string, body: object = {}): void {
  db.prepare('INSERT INTO outbox (kind, conversation_id, body, created_at) VALUES (?, ?, ?, 1)').run(kind, conversationId, JSON.stringify(body));
}

export function signIn(db: Database.Database, agentId: string): void {
  db.prepare("UPDATE session SET token = 't', token_expires_at = 9, agent_json = json_object('id', ?)").run(agentId);
}

export function rows(db: Database.Database, sql: string, ...params: unknown[]): unknown[] {
  return db.prepare(sql).all(...params);
}

export function column(db: Database.Database, sql: string, ...params: unknown[]): unknown[] {
  return db.prepare(sql).pluck().all(...params);
}

/** Ids of the messages whose body the trigram index matches. */
export function found(db: Database.Database, query: string): string[] {
  return column(db, 'SELECT m.id FROM messages_fts JOIN messages m ON m.local_seq = messages_fts.rowid WHERE messages_fts MATCH ? ORDER BY m.id', query) as string[];
}
