import type { Migration } from '../../../src-node/sqlite/migration.js';

/** A conversation offered to this agent (tenants that use offers), shown with Accept and Decline until it lapses. */
export const addOffers: Migration = {
  version: 14,
  name: 'add-offers',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN offer TEXT;
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
             c.sla, c.vip, c.offer,
             ci.intent, ci.intent_label, ci.sentiment, COALESCE(ci.priority, 0) AS priority, ci.language AS written_language
        FROM conversations c LEFT JOIN conversation_insights ci ON ci.conversation_id = c.id;
    `);
  },
};
