import { expect } from 'vitest';
import { addCustomers } from '../0021-add-customers.js';
import { insertConversation, rows, type CacheCase } from './cache-rows.js';

/** Customers' profiles, and their conversations by customer. */
export const CASES_CUSTOMERS: CacheCase[] = [
  {
    migration: addCustomers,
    before(db) {
      insertConversation(db, 'c1');
    },
    schema: {
      created: ['index conversations_by_customer ON conversations(customer_id, last_message_at)', 'table customers(id TEXT PK NOT NULL, profile TEXT NOT NULL) WITHOUT ROWID'],
    },
    after(db) {
      db.prepare("INSERT INTO customers VALUES ('cu-c1', '{}')").run();
      expect(() => db.prepare("INSERT INTO customers VALUES ('cu-c1', '{}')").run()).toThrow(/UNIQUE|PRIMARY/);
      const plan = JSON.stringify(rows(db, "EXPLAIN QUERY PLAN SELECT id FROM conversations WHERE customer_id = 'cu-c1' ORDER BY last_message_at DESC"));
      expect(plan).toContain('conversations_by_customer');
      expect(rows(db, "SELECT id FROM shown_conversations WHERE customer_id = 'cu-c1'")).toEqual([{ id: 'c1' }]);
    },
  },
];
