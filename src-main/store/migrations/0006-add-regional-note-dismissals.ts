import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * An agent who has read a regional note for a conversation does not want it back there.
 * Conversations carry the team's labels; a label change waiting in the outbox shows at once.
 * The shown view also joins what the customer's messages add up to (0005's insights).
 */
export const addRegionalNoteDismissals: Migration = {
  version: 6,
  name: 'add-regional-note-dismissals-and-labels',
  up(db) {
    db.exec(`
      CREATE TABLE dismissed_regional_notes (
        conversation_id TEXT NOT NULL,
        note_id TEXT NOT NULL,
        dismissed_at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, note_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER conversations_dismissed_notes_after_delete AFTER DELETE ON conversations BEGIN
        DELETE FROM dismissed_regional_notes WHERE conversation_id = old.id;
      END;

      ALTER TABLE conversations ADD COLUMN labels TEXT NOT NULL DEFAULT '[]';
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
             c.language, c.market, c.created_at, c.updated_at, c.last_message_at, c.last_message_preview,
             COALESCE(
               (SELECT json_extract(o.body, '$.labels') FROM outbox o
                 WHERE o.conversation_id = c.id AND o.kind = 'conversation.setLabels'
                 ORDER BY o.mutation_id DESC LIMIT 1),
               c.labels) AS labels,
             ci.intent, ci.intent_label, ci.sentiment, COALESCE(ci.priority, 0) AS priority, ci.language AS written_language
        FROM conversations c LEFT JOIN conversation_insights ci ON ci.conversation_id = c.id;
    `);
  },
};
