import { expect } from 'vitest';
import { addWaitingByLanguageIndex } from '../0035-add-waiting-by-language-index.js';
import { insertConversation, rows, usesIndex, type RelayCase } from './relay-rows.js';

const WAITING_IN = `SELECT id FROM conversations c INDEXED BY conversations_waiting_by_language
  WHERE tenant_id = 't1' AND team_id = 'team' AND (CASE channel WHEN 'voice' THEN 'call' WHEN 'email' THEN 'email' ELSE 'chat' END) = 'chat'
    AND lower(substr(c.language || '-', 1, instr(c.language || '-', '-') - 1)) = ? AND assignee_id IS NULL AND status <> 'resolved'
  ORDER BY queue_urgency, created_at, id`;

/** A team's waiting conversations of one kind of work and one primary language subtag, read from the head of an index. */
export const CASES_WAITING_BY_LANGUAGE: RelayCase[] = [
  {
    migration: addWaitingByLanguageIndex,
    before(db) {
      insertConversation(db);
      db.exec(`INSERT INTO conversations (id, tenant_id, customer_id, channel, team_id, assignee_id, status, language, market, created_at, updated_at, last_message_at, last_message_preview)
        VALUES ('br', 't1', 'cu', 'whatsapp', 'team', NULL, 'open', 'pt-BR', 'BR', 5, 5, 5, 'olá'), ('pt', 't1', 'cu', 'webchat', 'team', NULL, 'open', 'PT', 'PT', 4, 4, 4, 'olá'),
          ('mail', 't1', 'cu', 'email', 'team', NULL, 'open', 'pt', 'PT', 1, 1, 1, 'olá');
        UPDATE conversations SET assignee_id = NULL WHERE id = 'c1'`);
    },
    schema: {
      created: [
        "index conversations_waiting_by_language ON conversations(tenant_id, team_id, (CASE channel WHEN 'voice' THEN 'call' WHEN 'email' THEN 'email' ELSE 'chat' END), (lower(substr(language || '-', 1, instr(language || '-', '-') - 1))), queue_urgency, created_at, id) WHERE assignee_id IS NULL AND status <> 'resolved'",
      ],
    },
    after(db) {
      expect(rows(db, WAITING_IN, 'pt')).toEqual([{ id: 'pt' }, { id: 'br' }]);
      expect(rows(db, WAITING_IN, 'th')).toEqual([{ id: 'c1' }]);
      expect(usesIndex(db, 'conversations_waiting_by_language', WAITING_IN, 'pt')).toBe(true);
    },
  },
];
