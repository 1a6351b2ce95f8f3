import { randomUUID } from 'node:crypto';
import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * The agent's local cache: the session (one row), conversations and messages as the relay sent
 * them, and the outbox of local changes the relay has not acknowledged yet.
 */
export const createCacheTables: Migration = {
  version: 1,
  name: 'create-cache-tables',
  up(db) {
    db.exec(`
      CREATE TABLE session (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        client_id TEXT NOT NULL,
        cursor INTEGER NOT NULL DEFAULT 0,
        token TEXT,
        token_expires_at INTEGER,
        -- the owner of the cached data; kept after sign-out to decide whether a sign-in may reuse the cache
        agent_json TEXT,
        presence TEXT NOT NULL DEFAULT 'available' CHECK (presence IN ('available', 'away'))
      ) STRICT;

      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL,
        customer_name TEXT NOT NULL,
        channel TEXT NOT NULL,
        team_id TEXT NOT NULL,
        assignee_id TEXT,
        status TEXT NOT NULL,
        language TEXT NOT NULL,
        market TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_message_at INTEGER NOT NULL,
        last_message_preview TEXT NOT NULL
      ) STRICT;
      CREATE INDEX conversations_by_last_message ON conversations (last_message_at DESC, id DESC);

      -- local_seq is the order rows reached this cache (the log's order); an explicit INTEGER PRIMARY KEY
      -- keeps it stable across VACUUM, which the full-text index relies on.
      CREATE TABLE messages (
        local_seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL,
        author TEXT NOT NULL,
        author_id TEXT,
        author_name TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        delivery TEXT NOT NULL CHECK (delivery IN ('sent', 'pending', 'failed')),
        delivery_error TEXT
      ) STRICT;
      CREATE INDEX messages_by_conversation ON messages (conversation_id, created_at, local_seq);

      -- AUTOINCREMENT: mutation ids must keep rising even after every row was acknowledged and
      -- deleted, or the relay would skip new changes as already applied.
      CREATE TABLE outbox (
        mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        conversation_id TEXT,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_by_conversation ON outbox (conversation_id, kind);

      -- What the agent sees: the relay's row, with a status change of ours that still waits in the
      -- outbox laid over it. A rejected change vanishes with its outbox row and the view falls back.
      CREATE VIEW shown_conversations AS
      SELECT c.id, c.customer_id, c.customer_name, c.channel, c.team_id, c.assignee_id,
             COALESCE(
               (SELECT json_extract(o.body, '$.status') FROM outbox o
                 WHERE o.conversation_id = c.id AND o.kind = 'conversation.setStatus'
                 ORDER BY o.mutation_id DESC LIMIT 1),
               c.status) AS status,
             c.language, c.market, c.created_at, c.updated_at, c.last_message_at, c.last_message_preview
        FROM conversations c;
    `);
    db.prepare('INSERT INTO session (singleton, client_id) VALUES (1, ?)').run(randomUUID());
  },
};
