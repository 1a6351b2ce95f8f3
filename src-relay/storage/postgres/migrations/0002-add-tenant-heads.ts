import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/**
 * Each tenant's head seq in a row of its own: a commit takes its seqs by updating that row, and
 * holds the row's lock until it commits or rolls back, which makes seq gap-free and in commit
 * order across nodes (docs/relay-storage.md). Existing tenants start at their log's head, which
 * never falls below the pruning floor.
 */
export const addTenantHeads: PostgresMigration = {
  version: 2,
  name: '0002-add-tenant-heads',
  async up(client) {
    await client.query(`
      CREATE TABLE tenant_heads (
        tenant_id text PRIMARY KEY REFERENCES tenants(id),
        head bigint NOT NULL CHECK (head >= 0)
      );
      INSERT INTO tenant_heads (tenant_id, head)
      SELECT t.id, GREATEST(
          COALESCE((SELECT MAX(e.seq) FROM events e WHERE e.tenant_id = t.id), 0),
          COALESCE((SELECT f.floor_seq FROM log_floors f WHERE f.tenant_id = t.id), 0))
        FROM tenants t;
    `);
  },
};
