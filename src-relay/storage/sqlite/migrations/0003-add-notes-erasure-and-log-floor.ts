import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Internal notes live among the messages, flagged; erased conversations leave a tombstone (id
 * only) so late changes to them get a plain reason; each tenant's log remembers how far it was
 * pruned, so a client older than that is told to resync rather than silently miss events.
 */
export const addNotesErasureAndLogFloor: Migration = {
  version: 3,
  name: '0003-add-notes-erasure-and-log-floor',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN internal INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1));

      CREATE TABLE erased_conversations (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        erased_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- Who asked for which customer's erasure, and how much went: the record a regulator asks
      -- for. It names the customer by id only; the data itself is gone.
      CREATE TABLE erasures (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        customer_id TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        at INTEGER NOT NULL,
        conversations INTEGER NOT NULL,
        messages INTEGER NOT NULL
      );

      CREATE TABLE log_floors (
        tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
        -- events with seq <= floor_seq were pruned
        floor_seq INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE INDEX events_by_conversation ON events(conversation_id);
      CREATE INDEX events_by_time ON events(tenant_id, at);
      CREATE INDEX conversations_by_customer ON conversations(customer_id);
    `);
  },
};
