import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0017-add-customer-identities: customers' identities, merge suggestions and merges, with the known messaging contacts as identities. */
export const addCustomerIdentities: PostgresMigration = {
  version: 6,
  name: '0006-add-customer-identities',
  async up(client) {
    await client.query(`
      CREATE TABLE customer_identities (
        tenant_id text NOT NULL REFERENCES tenants(id),
        kind text NOT NULL CHECK (kind IN ('channel', 'phone', 'email')),
        value text NOT NULL,
        customer_id text NOT NULL REFERENCES customers(id),
        verified smallint NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
        created_at bigint NOT NULL,
        PRIMARY KEY (tenant_id, kind, value, customer_id)
      );
      CREATE UNIQUE INDEX customer_identities_verified ON customer_identities(tenant_id, kind, value) WHERE verified = 1;
      CREATE INDEX customer_identities_by_customer ON customer_identities(tenant_id, customer_id);
      CREATE INDEX customers_by_name ON customers(tenant_id, name);
      CREATE TABLE customer_merge_suggestions (
        tenant_id text NOT NULL REFERENCES tenants(id),
        id text NOT NULL,
        source_customer_id text NOT NULL REFERENCES customers(id),
        target_customer_id text NOT NULL REFERENCES customers(id),
        reason text NOT NULL CHECK (reason IN ('phone', 'email', 'name')),
        created_at bigint NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE UNIQUE INDEX customer_merge_suggestions_pair ON customer_merge_suggestions(tenant_id, source_customer_id, target_customer_id);
      CREATE INDEX customer_merge_suggestions_by_target ON customer_merge_suggestions(tenant_id, target_customer_id);
      CREATE TABLE customer_merges (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        source_customer_id text NOT NULL REFERENCES customers(id),
        target_customer_id text NOT NULL REFERENCES customers(id),
        merged_by text NOT NULL,
        merged_by_name text NOT NULL,
        merged_at bigint NOT NULL,
        moves text NOT NULL,
        unmerged_by text,
        unmerged_at bigint
      );
      -- A customer stands merged into one other at a time; the merges into a customer are listed on its profile.
      CREATE UNIQUE INDEX customer_merges_active_source ON customer_merges(tenant_id, source_customer_id) WHERE unmerged_at IS NULL;
      CREATE INDEX customer_merges_active_target ON customer_merges(tenant_id, target_customer_id) WHERE unmerged_at IS NULL;

      INSERT INTO customer_identities (tenant_id, kind, value, customer_id, verified, created_at)
        SELECT c.tenant_id, 'channel', a.provider || ':' || c.account_id || ':' || c.external_id, c.customer_id, 1, COALESCE(c.last_inbound_at, 0)
          FROM channel_contacts c JOIN channel_accounts a ON a.id = c.account_id
        ON CONFLICT DO NOTHING;
      INSERT INTO customer_identities (tenant_id, kind, value, customer_id, verified, created_at)
        SELECT c.tenant_id, 'phone', '+' || ltrim(c.external_id, '+'), c.customer_id, 1, COALESCE(c.last_inbound_at, 0)
          FROM channel_contacts c JOIN channel_accounts a ON a.id = c.account_id
         WHERE a.provider IN ('whatsapp', 'sms', 'viber') AND ltrim(c.external_id, '+') ~ '^[1-9][0-9]{7,14}$'
         ORDER BY c.last_inbound_at NULLS FIRST, c.customer_id COLLATE "C"
        ON CONFLICT DO NOTHING;
    `);
  },
};
