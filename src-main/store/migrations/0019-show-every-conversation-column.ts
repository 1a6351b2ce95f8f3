import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * The shown view takes every column of `conversations` as it is (`c.*`, which SQLite expands
 * again whenever the table changes), so a column added later shows without restating the view.
 * What our outbox still holds (a claim, a status, labels) is laid over under its own name,
 * `shown_*`, and the insights under `insight_*`; the conversation store puts them in place.
 */
export const showEveryConversationColumn: Migration = {
  version: 19,
  name: 'show-every-conversation-column',
  up(db) {
    db.exec(`
      DROP VIEW shown_conversations;
      CREATE VIEW shown_conversations AS
      SELECT c.*,
             CASE WHEN c.assignee_id IS NULL AND EXISTS
                    (SELECT 1 FROM outbox o WHERE o.conversation_id = c.id AND o.kind = 'conversation.claim')
                  THEN (SELECT json_extract(s.agent_json, '$.id') FROM session s WHERE s.singleton = 1)
                  ELSE c.assignee_id END AS shown_assignee_id,
             COALESCE(
               (SELECT json_extract(o.body, '$.status') FROM outbox o
                 WHERE o.conversation_id = c.id AND o.kind = 'conversation.setStatus'
                 ORDER BY o.mutation_id DESC LIMIT 1),
               c.status) AS shown_status,
             COALESCE(
               (SELECT json_extract(o.body, '$.labels') FROM outbox o
                 WHERE o.conversation_id = c.id AND o.kind = 'conversation.setLabels'
                 ORDER BY o.mutation_id DESC LIMIT 1),
               c.labels) AS shown_labels,
             ci.intent AS insight_intent, ci.intent_label AS insight_intent_label, ci.sentiment AS insight_sentiment,
             COALESCE(ci.priority, 0) AS insight_priority, ci.language AS insight_language
        FROM conversations c LEFT JOIN conversation_insights ci ON ci.conversation_id = c.id;
    `);
  },
};
