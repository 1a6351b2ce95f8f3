import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * Internal notes among the messages; a pending claim laid over the shown assignee, like a
 * pending status change; notices of what the relay decided against the agent; and the set of
 * conversations a full resync has seen so far, so what it did not see can go at the end.
 */
export const addNotesClaimsNoticesResync: Migration = {
  version: 3,
  name: 'add-notes-claims-notices-resync',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN internal INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1));

      CREATE TABLE notices (
        id TEXT PRIMARY KEY,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        customer_name TEXT NOT NULL,
        other_agent_name TEXT,
        message_id TEXT,
        detail TEXT NOT NULL,
        dismissed INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1))
      ) STRICT;
      CREATE INDEX notices_shown ON notices (dismissed, at DESC);

      CREATE TABLE resync_seen (conversation_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

      DROP VIEW shown_conversations;
      CREATE VIEW shown_conversations AS
      SELECT c.id, c.customer_id, c.customer_name, c.channel, c.team_id,
             CASE WHEN c.assignee_id IS NULL AND EXISTS
                    (SELECT 1 FROM outbox o WHERE o.conversation_id = c.id AND o.kind = 'conversation.claim')
                  THEN (SELECT json_extract(s.agent_json, '$.id') FROM session s WHERE s.singleton = 1)
                  ELSE c.assignee_id END AS assignee_id,
             COALESCE(
               (SELECT json_extract(o.body, '$.status') FROM outbox o
                 WHERE o.conversation_id = c.id AND o.kind = 'conversation.setStatus'
                 ORDER BY o.mutation_id DESC LIMIT 1),
               c.status) AS status,
             c.language, c.market, c.created_at, c.updated_at, c.last_message_at, c.last_message_preview
        FROM conversations c;
    `);
  },
};
