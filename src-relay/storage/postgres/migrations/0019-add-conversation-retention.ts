import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0030-add-conversation-retention: each tenant's retention policy, and the figures an anonymised conversation leaves. */
export const addConversationRetention: PostgresMigration = {
  version: 19,
  name: '0019-add-conversation-retention',
  async up(client) {
    await client.query(`
      CREATE TABLE retention_policies (
        tenant_id text PRIMARY KEY REFERENCES tenants(id),
        policy text NOT NULL,
        updated_at bigint NOT NULL
      );
      CREATE TABLE anonymised_conversations (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        channel text NOT NULL,
        team_id text NOT NULL,
        assignee_id text,
        language text NOT NULL,
        market text,
        intent text,
        sla text,
        created_at bigint NOT NULL,
        closed_at bigint NOT NULL,
        first_customer_at bigint,
        first_answer_at bigint,
        messages integer NOT NULL,
        anonymised_at bigint NOT NULL
      );
      CREATE INDEX anonymised_conversations_by_created ON anonymised_conversations (tenant_id, created_at);
      CREATE INDEX conversations_closed ON conversations (tenant_id, updated_at) WHERE status = 'resolved';
    `);
  },
};
