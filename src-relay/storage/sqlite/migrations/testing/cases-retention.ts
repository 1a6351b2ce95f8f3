import { expect } from 'vitest';
import { addConversationRetention } from '../0030-add-conversation-retention.js';
import { insertAccounts, rows, usesIndex, type RelayCase } from './relay-rows.js';

const ANONYMISED = "('c1', 't1', 'whatsapp', 'team-1', NULL, 'en', 'DE', 'refund', NULL, 10, 20, 11, 12, 3, 30)";

/** A policy per tenant; anonymised conversations keep figures only, read by tenant and creation time. */
export const CASES_RETENTION: RelayCase[] = [
  {
    migration: addConversationRetention,
    before(db) {
      insertAccounts(db);
    },
    schema: {
      created: [
        'table anonymised_conversations(id TEXT PK NOT NULL, tenant_id TEXT NOT NULL REFERENCES tenants(id), channel TEXT NOT NULL, team_id TEXT NOT NULL, assignee_id TEXT, language TEXT NOT NULL, market TEXT, intent TEXT, sla TEXT, created_at INTEGER NOT NULL, closed_at INTEGER NOT NULL, first_customer_at INTEGER, first_answer_at INTEGER, messages INTEGER NOT NULL, anonymised_at INTEGER NOT NULL) WITHOUT ROWID',
        'index anonymised_conversations_by_created ON anonymised_conversations (tenant_id, created_at)',
        "index conversations_closed ON conversations (tenant_id, updated_at) WHERE status = 'resolved'",
        'table retention_policies(tenant_id TEXT PK NOT NULL REFERENCES tenants(id), policy TEXT NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID',
      ],
    },
    after(db) {
      db.exec(`INSERT INTO anonymised_conversations VALUES ${ANONYMISED}`);
      db.exec(`INSERT INTO retention_policies VALUES ('t1', '{"action":"delete"}', 5)`);
      expect(rows(db, 'SELECT id, market, messages FROM anonymised_conversations')).toEqual([{ id: 'c1', market: 'DE', messages: 3 }]);
      expect(() => db.exec(`INSERT INTO retention_policies VALUES ('t1', '{}', 6)`)).toThrow(/UNIQUE|PRIMARY/);
      expect(() => db.exec(`INSERT INTO retention_policies VALUES ('nobody', '{}', 6)`)).toThrow(/FOREIGN KEY/);
      expect(usesIndex(db, 'conversations_closed', "SELECT id FROM conversations WHERE tenant_id = ? AND status = 'resolved' AND updated_at < ? ORDER BY updated_at", 't1', 5)).toBe(true);
      expect(usesIndex(db, 'anonymised_conversations_by_created', 'SELECT id FROM anonymised_conversations WHERE tenant_id = ? AND created_at >= ?', 't1', 0)).toBe(true);
    },
  },
];
