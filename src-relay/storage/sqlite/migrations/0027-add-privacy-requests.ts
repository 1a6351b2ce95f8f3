import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * The register of data subject requests (docs/privacy.md), the reminders told about them, the
 * exports made for them, and the privacy capability granted to accounts. A request names its
 * customer without a foreign key: the register outlives the customer it records an erasure of.
 * An export row says where its bundle lies, so that an erasure finds and deletes it.
 */
export const addPrivacyRequests: Migration = {
  version: 27,
  name: '0027-add-privacy-requests',
  up(db) {
    db.exec(`
      CREATE TABLE privacy_requests (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        customer_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('access', 'portability', 'erasure', 'correction', 'objection')),
        channel TEXT NOT NULL,
        conversation_id TEXT,
        requester_name TEXT NOT NULL,
        on_behalf INTEGER NOT NULL DEFAULT 0 CHECK (on_behalf IN (0, 1)),
        regime TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        due_at INTEGER NOT NULL,
        receipt_due_at INTEGER,
        status TEXT NOT NULL CHECK (status IN ('received', 'identity_checked', 'in_progress', 'extended', 'done', 'refused')),
        extension_reason TEXT,
        refusal_reason TEXT,
        identity_method TEXT,
        identity_note TEXT,
        identity_checked_by TEXT,
        identity_checked_at INTEGER,
        note TEXT NOT NULL DEFAULT '',
        opened_by TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX privacy_requests_by_due ON privacy_requests (tenant_id, due_at);
      CREATE INDEX privacy_requests_by_customer ON privacy_requests (tenant_id, customer_id);
      CREATE TABLE privacy_reminders (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        request_id TEXT NOT NULL REFERENCES privacy_requests(id),
        stage TEXT NOT NULL CHECK (stage IN ('week', 'two_days', 'overdue')),
        due_at INTEGER NOT NULL,
        at INTEGER NOT NULL,
        UNIQUE (request_id, stage, due_at)
      );
      CREATE INDEX privacy_reminders_by_time ON privacy_reminders (tenant_id, at);
      CREATE TABLE privacy_exports (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        customer_id TEXT NOT NULL,
        request_id TEXT REFERENCES privacy_requests(id),
        location TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX privacy_exports_by_customer ON privacy_exports (tenant_id, customer_id);
      CREATE TABLE account_capabilities (
        agent_id TEXT NOT NULL REFERENCES agents(id),
        capability TEXT NOT NULL CHECK (capability IN ('privacy')),
        granted_by TEXT NOT NULL,
        granted_at INTEGER NOT NULL,
        PRIMARY KEY (agent_id, capability)
      ) WITHOUT ROWID;
    `);
  },
};
