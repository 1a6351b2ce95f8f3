import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * One customer across channels: the identities a customer is known by (a messaging app's user,
 * a phone in E.164, an email), the suggestions that two customers may be one, and the merges
 * agents made (with what moved, so an unmerge restores it). A verified value belongs to one
 * customer of the tenant; an unverified one (said, not proven) may be claimed by several.
 * Messaging contacts already known become identities: their channel user, and for WhatsApp, SMS
 * and Viber the number their id is (the provider's proof), when it reads as international digits.
 */
export const addCustomerIdentities: Migration = {
  version: 17,
  name: '0017-add-customer-identities',
  up(db) {
    db.exec(`
      CREATE TABLE customer_identities (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        kind TEXT NOT NULL CHECK (kind IN ('channel', 'phone', 'email')),
        value TEXT NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers(id),
        verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, kind, value, customer_id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX customer_identities_verified ON customer_identities(tenant_id, kind, value) WHERE verified = 1;
      CREATE INDEX customer_identities_by_customer ON customer_identities(tenant_id, customer_id);
      CREATE INDEX customers_by_name ON customers(tenant_id, name);
      CREATE TABLE customer_merge_suggestions (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        id TEXT NOT NULL,
        source_customer_id TEXT NOT NULL REFERENCES customers(id),
        target_customer_id TEXT NOT NULL REFERENCES customers(id),
        reason TEXT NOT NULL CHECK (reason IN ('phone', 'email', 'name')),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX customer_merge_suggestions_pair ON customer_merge_suggestions(tenant_id, source_customer_id, target_customer_id);
      CREATE INDEX customer_merge_suggestions_by_target ON customer_merge_suggestions(tenant_id, target_customer_id);
      CREATE TABLE customer_merges (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        source_customer_id TEXT NOT NULL REFERENCES customers(id),
        target_customer_id TEXT NOT NULL REFERENCES customers(id),
        merged_by TEXT NOT NULL,
        merged_by_name TEXT NOT NULL,
        merged_at INTEGER NOT NULL,
        moves TEXT NOT NULL,
        unmerged_by TEXT,
        unmerged_at INTEGER
      );
      -- A customer stands merged into one other at a time; the merges into a customer are listed on its profile.
      CREATE UNIQUE INDEX customer_merges_active_source ON customer_merges(tenant_id, source_customer_id) WHERE unmerged_at IS NULL;
      CREATE INDEX customer_merges_active_target ON customer_merges(tenant_id, target_customer_id) WHERE unmerged_at IS NULL;

      INSERT OR IGNORE INTO customer_identities (tenant_id, kind, value, customer_id, verified, created_at)
        SELECT c.tenant_id, 'channel', a.provider || ':' || c.account_id || ':' || c.external_id, c.customer_id, 1, COALESCE(c.last_inbound_at, 0)
          FROM channel_contacts c JOIN channel_accounts a ON a.id = c.account_id;
      INSERT OR IGNORE INTO customer_identities (tenant_id, kind, value, customer_id, verified, created_at)
        SELECT c.tenant_id, 'phone', '+' || ltrim(c.external_id, '+'), c.customer_id, 1, COALESCE(c.last_inbound_at, 0)
          FROM channel_contacts c JOIN channel_accounts a ON a.id = c.account_id
         WHERE a.provider IN ('whatsapp', 'sms', 'viber')
           AND length(ltrim(c.external_id, '+')) BETWEEN 8 AND 15 AND ltrim(c.external_id, '+') NOT GLOB '*[^0-9]*' AND ltrim(c.external_id, '+') NOT GLOB '0*'
         ORDER BY c.last_inbound_at, c.customer_id;
    `);
  },
};
