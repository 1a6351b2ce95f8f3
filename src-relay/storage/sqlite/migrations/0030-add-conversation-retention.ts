import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Conversation retention (docs/privacy.md): each tenant's policy, and what an anonymised
 * conversation leaves for the reports: its channel, team, market, intent, times, SLA and size,
 * never a customer, a text or a provider's id.
 */
export const addConversationRetention: Migration = {
  version: 30,
  name: '0030-add-conversation-retention',
  up(db) {
    db.exec(`
      CREATE TABLE retention_policies (
        tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
        policy TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE anonymised_conversations (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        channel TEXT NOT NULL,
        team_id TEXT NOT NULL,
        assignee_id TEXT,
        language TEXT NOT NULL,
        market TEXT,
        intent TEXT,
        sla TEXT,
        created_at INTEGER NOT NULL,
        closed_at INTEGER NOT NULL,
        first_customer_at INTEGER,
        first_answer_at INTEGER,
        messages INTEGER NOT NULL,
        anonymised_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX anonymised_conversations_by_created ON anonymised_conversations (tenant_id, created_at);
      -- The hourly retention run reads a tenant's closed conversations oldest first.
      CREATE INDEX conversations_closed ON conversations (tenant_id, updated_at) WHERE status = 'resolved';
    `);
  },
};
