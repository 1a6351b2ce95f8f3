import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * SLA clocks on conversations (with the next instant one falls due, indexed, for the breach
 * check), VIP customers, each tenant's SLA policies in order, and every breach kept for reports.
 */
export const addSla: Migration = {
  version: 7,
  name: '0007-add-sla',
  up(db) {
    db.exec(`
      ALTER TABLE customers ADD COLUMN vip INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE conversations ADD COLUMN sla TEXT;
      ALTER TABLE conversations ADD COLUMN sla_check_at INTEGER;
      CREATE INDEX conversations_sla_check ON conversations(tenant_id, sla_check_at) WHERE sla_check_at IS NOT NULL;

      CREATE TABLE sla_policies (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        position INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (tenant_id, position)
      ) WITHOUT ROWID;

      CREATE TABLE sla_breaches (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        conversation_id TEXT NOT NULL,
        target TEXT NOT NULL CHECK (target IN ('first_response', 'next_response', 'resolution')),
        due_at INTEGER NOT NULL,
        breached_at INTEGER NOT NULL,
        team_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        market TEXT,
        PRIMARY KEY (conversation_id, target, due_at)
      ) WITHOUT ROWID;
      CREATE INDEX sla_breaches_by_time ON sla_breaches(tenant_id, breached_at);
    `);
  },
};
