import { expect } from 'vitest';
import { addConversationRetention } from '../0019-add-conversation-retention.js';
import { insertConversation, refusal, rows, type PostgresCase } from './postgres-rows.js';

const ANONYMISED = "('c9', 't1', 'whatsapp', 'team', NULL, 'en', 'DE', 'refund', NULL, 10, 20, 11, 12, 3, 30)";

/** A policy per tenant; anonymised conversations keep figures only. */
export const POSTGRES_RETENTION_CASES: PostgresCase[] = [
  {
    migration: addConversationRetention,
    async before(db) {
      await insertConversation(db);
    },
    schema: {
      created: [
        'index anonymised_conversations_by_created ON anonymised_conversations(tenant_id, created_at)',
        "index conversations_closed ON conversations(tenant_id, updated_at) WHERE (status = 'resolved'::text)",
        'table anonymised_conversations(id text PK, tenant_id text NOT NULL REFERENCES tenants(id), channel text NOT NULL, team_id text NOT NULL, assignee_id text, language text NOT NULL, market text, intent text, sla text, created_at bigint NOT NULL, closed_at bigint NOT NULL, first_customer_at bigint, first_answer_at bigint, messages integer NOT NULL, anonymised_at bigint NOT NULL)',
        'table retention_policies(tenant_id text PK REFERENCES tenants(id), policy text NOT NULL, updated_at bigint NOT NULL)',
      ],
    },
    async after(db) {
      await db.pool.query(`INSERT INTO anonymised_conversations VALUES ${ANONYMISED}`);
      await db.pool.query(`INSERT INTO retention_policies VALUES ('t1', '{"action":"delete"}', 5)`);
      expect(await rows(db, 'SELECT id, market, messages FROM anonymised_conversations')).toEqual([{ id: 'c9', market: 'DE', messages: 3 }]);
      expect(await refusal(db, `INSERT INTO retention_policies VALUES ('t1', '{}', 6)`)).toMatch(/retention_policies_pkey/);
      expect(await refusal(db, `INSERT INTO retention_policies VALUES ('nobody', '{}', 6)`)).toMatch(/foreign key/);
    },
  },
];
