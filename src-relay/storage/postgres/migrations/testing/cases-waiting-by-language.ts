import { expect } from 'vitest';
import { addWaitingByLanguageIndex } from '../0024-add-waiting-by-language-index.js';
import { insertConversation, rows, type PostgresCase } from './postgres-rows.js';

const WAITING_IN = `SELECT id FROM conversations c
  WHERE tenant_id = 't1' AND team_id = 'team' AND (CASE channel WHEN 'voice' THEN 'call' WHEN 'email' THEN 'email' ELSE 'chat' END) = 'chat'
    AND split_part(lower(c.language), '-', 1) = $1 AND assignee_id IS NULL AND status <> 'resolved'
  ORDER BY queue_urgency, created_at, id COLLATE "C"`;

/** A team's waiting conversations of one kind of work and one primary language subtag, read from the head of an index. */
export const POSTGRES_WAITING_BY_LANGUAGE_CASES: PostgresCase[] = [
  {
    migration: addWaitingByLanguageIndex,
    async before(db) {
      await insertConversation(db);
      await db.pool.query(`INSERT INTO conversations (id, tenant_id, customer_id, channel, team_id, assignee_id, status, language, market, created_at, updated_at, last_message_at, last_message_preview)
        VALUES ('br', 't1', 'cu', 'whatsapp', 'team', NULL, 'open', 'pt-BR', 'BR', 5, 5, 5, 'olá'), ('pt', 't1', 'cu', 'webchat', 'team', NULL, 'open', 'PT', 'PT', 4, 4, 4, 'olá'),
          ('mail', 't1', 'cu', 'email', 'team', NULL, 'open', 'pt', 'PT', 1, 1, 1, 'olá');
        UPDATE conversations SET assignee_id = NULL WHERE id = 'c1'`);
    },
    schema: {
      created: [
        `index conversations_waiting_by_language ON conversations(tenant_id, team_id, (
CASE channel
    WHEN 'voice'::text THEN 'call'::text
    WHEN 'email'::text THEN 'email'::text
    ELSE 'chat'::text
END), split_part(lower(language), '-'::text, 1), queue_urgency, created_at, id COLLATE "C") WHERE ((assignee_id IS NULL) AND (status <> 'resolved'::text))`,
      ],
    },
    async after(db) {
      expect(await rows(db, WAITING_IN, 'pt')).toEqual([{ id: 'pt' }, { id: 'br' }]);
      expect(await rows(db, WAITING_IN, 'th')).toEqual([{ id: 'c1' }]);
      const client = await db.pool.connect();
      try {
        // A table this small is scanned whatever its indexes; with scans off, the plan shows whether the index can serve.
        await client.query('SET enable_seqscan = off');
        const plan = await client.query(`EXPLAIN ${WAITING_IN.replace('$1', "'pt'")}`);
        expect(JSON.stringify(plan.rows)).toContain('conversations_waiting_by_language');
      } finally {
        client.release();
      }
    },
  },
];
