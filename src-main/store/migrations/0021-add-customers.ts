import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * Customers as the relay tells them (identities, merge suggestions, merges: JSON CustomerProfile),
 * and a customer's conversations found by index, for the customer panel beside a conversation.
 */
export const addCustomers: Migration = {
  version: 21,
  name: 'add-customers',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        profile TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX conversations_by_customer ON conversations(customer_id, last_message_at);
    `);
  },
};
