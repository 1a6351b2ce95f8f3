import { expect } from 'vitest';
import { addCustomerIdentities } from '../0006-add-customer-identities.js';
import { insertConversation, refusal, rows, type PostgresCase } from './postgres-rows.js';
import type { TestSchema } from '../../../../../src-node/testing/postgres-schema.js';

const identity = 'INSERT INTO customer_identities (tenant_id, kind, value, customer_id, verified, created_at) VALUES ($1, $2, $3, $4, $5, 5)';
const merge = "INSERT INTO customer_merges (id, tenant_id, source_customer_id, target_customer_id, merged_by, merged_by_name, merged_at, moves) VALUES ($1, 't1', 'cu-2', 'cu', 'ann', 'Ann', 5, '{}')";

/** Messaging contacts of version 4: a WhatsApp user, a Telegram user whose chat id looks like a number, and an SMS sender sharing the WhatsApp user's number. */
async function insertContacts(db: TestSchema): Promise<void> {
  await insertConversation(db);
  await db.pool.query(`INSERT INTO customers (id, tenant_id, name, language, market, created_at) VALUES ('cu-2', 't1', 'Kim Weber', 'de', 'DE', 0);
    INSERT INTO channel_accounts VALUES ('wa', 't1', 'whatsapp', 'Sales', 'team', 'token-wa', 'sealed', 1, NULL), ('tg', 't1', 'telegram', 'Bot', 'team', 'token-tg', 'sealed', 1, NULL),
      ('sms', 't1', 'sms', 'Texts', 'team', 'token-sms', 'sealed', 1, NULL);
    INSERT INTO channel_contacts VALUES ('wa', '4915112345678', 't1', 'cu', 'c1', 3), ('tg', '123456789', 't1', 'cu', 'c1', 4),
      ('sms', '+4915112345678', 't1', 'cu-2', 'c1', 9), ('sms', '0151', 't1', 'cu-2', 'c1', NULL);`);
}

/** SQLite's case for 0017, on PostgreSQL. */
export const POSTGRES_CUSTOMER_CASES: PostgresCase[] = [
  {
    migration: addCustomerIdentities,
    before: insertContacts,
    schema: {
      created: [
        'index UNIQUE customer_identities_verified ON customer_identities(tenant_id, kind, value) WHERE (verified = 1)',
        'index UNIQUE customer_merge_suggestions_pair ON customer_merge_suggestions(tenant_id, source_customer_id, target_customer_id)',
        'index UNIQUE customer_merges_active_source ON customer_merges(tenant_id, source_customer_id) WHERE (unmerged_at IS NULL)',
        'index customer_identities_by_customer ON customer_identities(tenant_id, customer_id)',
        'index customer_merge_suggestions_by_target ON customer_merge_suggestions(tenant_id, target_customer_id)',
        'index customer_merges_active_target ON customer_merges(tenant_id, target_customer_id) WHERE (unmerged_at IS NULL)',
        'index customers_by_name ON customers(tenant_id, name)',
        "table customer_identities(tenant_id text NOT NULL REFERENCES tenants(id), kind text NOT NULL CHECK ((kind = ANY (ARRAY['channel'::text, 'phone'::text, 'email'::text]))), value text NOT NULL, customer_id text NOT NULL REFERENCES customers(id), verified smallint NOT NULL DEFAULT 0 CHECK ((verified = ANY (ARRAY[0, 1]))), created_at bigint NOT NULL, PRIMARY KEY (tenant_id, kind, value, customer_id))",
        "table customer_merge_suggestions(tenant_id text NOT NULL REFERENCES tenants(id), id text NOT NULL, source_customer_id text NOT NULL REFERENCES customers(id), target_customer_id text NOT NULL REFERENCES customers(id), reason text NOT NULL CHECK ((reason = ANY (ARRAY['phone'::text, 'email'::text, 'name'::text]))), created_at bigint NOT NULL, PRIMARY KEY (tenant_id, id))",
        'table customer_merges(id text PK, tenant_id text NOT NULL REFERENCES tenants(id), source_customer_id text NOT NULL REFERENCES customers(id), target_customer_id text NOT NULL REFERENCES customers(id), merged_by text NOT NULL, merged_by_name text NOT NULL, merged_at bigint NOT NULL, moves text NOT NULL, unmerged_by text, unmerged_at bigint)',
      ],
    },
    async after(db) {
      expect(await rows(db, 'SELECT kind, value, customer_id, verified, created_at FROM customer_identities ORDER BY kind, value COLLATE "C"')).toEqual([
        { kind: 'channel', value: 'sms:sms:+4915112345678', customer_id: 'cu-2', verified: 1, created_at: 9 },
        { kind: 'channel', value: 'sms:sms:0151', customer_id: 'cu-2', verified: 1, created_at: 0 },
        { kind: 'channel', value: 'telegram:tg:123456789', customer_id: 'cu', verified: 1, created_at: 4 },
        { kind: 'channel', value: 'whatsapp:wa:4915112345678', customer_id: 'cu', verified: 1, created_at: 3 },
        { kind: 'phone', value: '+4915112345678', customer_id: 'cu', verified: 1, created_at: 3 },
      ]);
      expect(await refusal(db, identity, 't1', 'phone', '+4915112345678', 'cu-2', 1)).toMatch(/customer_identities_verified/);
      await db.pool.query(identity, ['t1', 'email', 'kim@example.de', 'cu', 0]);
      await db.pool.query(identity, ['t1', 'email', 'kim@example.de', 'cu-2', 0]);
      expect(await refusal(db, identity, 't1', 'email', 'kim@example.de', 'cu', 1)).toMatch(/customer_identities_pkey/);
      expect(await refusal(db, identity, 't1', 'fax', '+49', 'cu', 0)).toMatch(/customer_identities_kind_check/);
      expect(await refusal(db, identity, 't1', 'email', 'x@example.de', 'nobody', 0)).toMatch(/customer_identities_customer_id_fkey/);
      const suggest = "INSERT INTO customer_merge_suggestions VALUES ('t1', $1, 'cu-2', 'cu', $2, 5)";
      await db.pool.query(suggest, ['s1', 'name']);
      expect(await refusal(db, suggest, 's2', 'phone')).toMatch(/customer_merge_suggestions_pair/);
      expect(await refusal(db, suggest, 's3', 'hunch')).toMatch(/customer_merge_suggestions_reason_check/);
      await db.pool.query(merge, ['m1']);
      expect(await refusal(db, merge, 'm2')).toMatch(/customer_merges_active_source/);
      await db.pool.query("UPDATE customer_merges SET unmerged_by = 'ann', unmerged_at = 6 WHERE id = 'm1'");
      await db.pool.query(merge, ['m2']);
      expect(await rows(db, 'SELECT id, unmerged_at FROM customer_merges ORDER BY id')).toEqual([{ id: 'm1', unmerged_at: 6 }, { id: 'm2', unmerged_at: null }]);
    },
  },
];
