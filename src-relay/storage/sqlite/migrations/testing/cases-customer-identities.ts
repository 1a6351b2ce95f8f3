import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { addCustomerIdentities } from '../0017-add-customer-identities.js';
import { insertConversation, rows, usesIndex, type RelayCase } from './relay-rows.js';

const identity = 'INSERT INTO customer_identities (tenant_id, kind, value, customer_id, verified, created_at) VALUES (?, ?, ?, ?, ?, 5)';
const merge = "INSERT INTO customer_merges (id, tenant_id, source_customer_id, target_customer_id, merged_by, merged_by_name, merged_at, moves) VALUES (?, 't1', ?, ?, 'ann', 'Ann', 5, '{}')";

/** Messaging contacts of version 15: a WhatsApp user, a Telegram user whose chat id looks like a number, and an SMS sender sharing the WhatsApp user's number. */
function insertContacts(db: Database.Database): void {
  insertConversation(db);
  db.exec(`INSERT INTO customers (id, tenant_id, name, language, market, created_at) VALUES ('cu-2', 't1', 'Kim Weber', 'de', 'DE', 0);
    INSERT INTO channel_accounts VALUES ('wa', 't1', 'whatsapp', 'Sales', 'team', 'token-wa', 'sealed', 1, NULL), ('tg', 't1', 'telegram', 'Bot', 'team', 'token-tg', 'sealed', 1, NULL),
      ('sms', 't1', 'sms', 'Texts', 'team', 'token-sms', 'sealed', 1, NULL);
    INSERT INTO channel_contacts VALUES ('wa', '4915112345678', 't1', 'cu', 'c1', 3), ('tg', '123456789', 't1', 'cu', 'c1', 4),
      ('sms', '+4915112345678', 't1', 'cu-2', 'c1', 9), ('sms', '0151', 't1', 'cu-2', 'c1', NULL);`);
}

/** Customers' identities, merge suggestions and merges. */
export const CASES_CUSTOMER_IDENTITIES: RelayCase[] = [
  {
    migration: addCustomerIdentities,
    before: insertContacts,
    schema: {
      created: [
        'index UNIQUE customer_identities_verified ON customer_identities(tenant_id, kind, value) WHERE verified = 1',
        'index UNIQUE customer_merge_suggestions_pair ON customer_merge_suggestions(tenant_id, source_customer_id, target_customer_id)',
        'index UNIQUE customer_merges_active_source ON customer_merges(tenant_id, source_customer_id) WHERE unmerged_at IS NULL',
        'index customer_identities_by_customer ON customer_identities(tenant_id, customer_id)',
        'index customer_merge_suggestions_by_target ON customer_merge_suggestions(tenant_id, target_customer_id)',
        'index customer_merges_active_target ON customer_merges(tenant_id, target_customer_id) WHERE unmerged_at IS NULL',
        'index customers_by_name ON customers(tenant_id, name)',
        'table customer_identities(tenant_id TEXT PK NOT NULL REFERENCES tenants(id), kind TEXT PK NOT NULL, value TEXT PK NOT NULL, customer_id TEXT PK NOT NULL REFERENCES customers(id), verified INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL) WITHOUT ROWID',
        'table customer_merge_suggestions(tenant_id TEXT PK NOT NULL REFERENCES tenants(id), id TEXT PK NOT NULL, source_customer_id TEXT NOT NULL REFERENCES customers(id), target_customer_id TEXT NOT NULL REFERENCES customers(id), reason TEXT NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID',
        'table customer_merges(id TEXT PK, tenant_id TEXT NOT NULL REFERENCES tenants(id), source_customer_id TEXT NOT NULL REFERENCES customers(id), target_customer_id TEXT NOT NULL REFERENCES customers(id), merged_by TEXT NOT NULL, merged_by_name TEXT NOT NULL, merged_at INTEGER NOT NULL, moves TEXT NOT NULL, unmerged_by TEXT, unmerged_at INTEGER)',
      ],
    },
    after(db) {
      // Each contact is its channel user; numbers proven by WhatsApp and SMS are phones, the first contact's to keep.
      expect(rows(db, 'SELECT kind, value, customer_id, verified, created_at FROM customer_identities ORDER BY kind, value')).toEqual([
        { kind: 'channel', value: 'sms:sms:+4915112345678', customer_id: 'cu-2', verified: 1, created_at: 9 },
        { kind: 'channel', value: 'sms:sms:0151', customer_id: 'cu-2', verified: 1, created_at: 0 },
        { kind: 'channel', value: 'telegram:tg:123456789', customer_id: 'cu', verified: 1, created_at: 4 },
        { kind: 'channel', value: 'whatsapp:wa:4915112345678', customer_id: 'cu', verified: 1, created_at: 3 },
        { kind: 'phone', value: '+4915112345678', customer_id: 'cu', verified: 1, created_at: 3 },
      ]);
      // A verified value is one customer's; an unverified one may be claimed by several, once each.
      expect(() => db.prepare(identity).run('t1', 'phone', '+4915112345678', 'cu-2', 1)).toThrow(/UNIQUE/);
      db.prepare(identity).run('t1', 'email', 'kim@example.de', 'cu', 0);
      db.prepare(identity).run('t1', 'email', 'kim@example.de', 'cu-2', 0);
      expect(() => db.prepare(identity).run('t1', 'email', 'kim@example.de', 'cu', 1)).toThrow(/UNIQUE|PRIMARY/);
      expect(() => db.prepare(identity).run('t1', 'fax', '+49', 'cu', 0)).toThrow(/CHECK/);
      expect(() => db.prepare(identity).run('t1', 'email', 'x@example.de', 'nobody', 0)).toThrow(/FOREIGN KEY/);
      expect(usesIndex(db, 'customer_identities_by_customer', "SELECT kind, value FROM customer_identities WHERE tenant_id = 't1' AND customer_id = 'cu'")).toBe(true);
      expect(usesIndex(db, 'customers_by_name', "SELECT id FROM customers WHERE tenant_id = 't1' AND name = 'Kim Weber'")).toBe(true);
      // One suggestion per pair.
      const suggest = db.prepare("INSERT INTO customer_merge_suggestions VALUES ('t1', ?, 'cu-2', 'cu', ?, 5)");
      suggest.run('s1', 'name');
      expect(() => suggest.run('s2', 'phone')).toThrow(/UNIQUE/);
      expect(() => db.prepare("INSERT INTO customer_merge_suggestions VALUES ('t1', 's3', 'cu', 'cu-2', 'hunch', 5)").run()).toThrow(/CHECK/);
      // A customer stands merged into one other at a time; once unmerged, it may be merged again.
      db.prepare(merge).run('m1', 'cu-2', 'cu');
      expect(() => db.prepare(merge).run('m2', 'cu-2', 'cu')).toThrow(/UNIQUE/);
      db.exec("UPDATE customer_merges SET unmerged_by = 'ann', unmerged_at = 6 WHERE id = 'm1'");
      db.prepare(merge).run('m2', 'cu-2', 'cu');
      expect(usesIndex(db, 'customer_merges_active_target', "SELECT id FROM customer_merges WHERE tenant_id = 't1' AND target_customer_id = 'cu' AND unmerged_at IS NULL")).toBe(true);
    },
  },
];
