import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/**
 * SQLite's 0027-add-privacy-requests: the register of data subject requests (docs/privacy.md),
 * the reminders told about them, the exports made for them, and the privacy capability granted
 * to accounts. A request names its
 * customer without a foreign key: the register outlives the customer it records an erasure of.
 * An export row says where its bundle lies, so that an erasure finds and deletes it.
 */
export const addPrivacyRequests: PostgresMigration = {
  version: 16,
  name: '0016-add-privacy-requests',
  async up(client) {
    await client.query(`
      CREATE TABLE privacy_requests (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        customer_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('access', 'portability', 'erasure', 'correction', 'objection')),
        channel text NOT NULL,
        conversation_id text,
        requester_name text NOT NULL,
        on_behalf smallint NOT NULL DEFAULT 0 CHECK (on_behalf IN (0, 1)),
        regime text NOT NULL,
        received_at bigint NOT NULL,
        due_at bigint NOT NULL,
        receipt_due_at bigint,
        status text NOT NULL CHECK (status IN ('received', 'identity_checked', 'in_progress', 'extended', 'done', 'refused')),
        extension_reason text,
        refusal_reason text,
        identity_method text,
        identity_note text,
        identity_checked_by text,
        identity_checked_at bigint,
        note text NOT NULL DEFAULT '',
        opened_by text NOT NULL,
        opened_at bigint NOT NULL,
        updated_at bigint NOT NULL
      );
      CREATE INDEX privacy_requests_by_due ON privacy_requests (tenant_id, due_at);
      CREATE INDEX privacy_requests_by_customer ON privacy_requests (tenant_id, customer_id);
      CREATE TABLE privacy_reminders (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        request_id text NOT NULL REFERENCES privacy_requests(id),
        stage text NOT NULL CHECK (stage IN ('week', 'two_days', 'overdue')),
        due_at bigint NOT NULL,
        at bigint NOT NULL,
        UNIQUE (request_id, stage, due_at)
      );
      CREATE INDEX privacy_reminders_by_time ON privacy_reminders (tenant_id, at);
      CREATE TABLE privacy_exports (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        customer_id text NOT NULL,
        request_id text REFERENCES privacy_requests(id),
        location text NOT NULL,
        size bigint NOT NULL,
        created_by text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE INDEX privacy_exports_by_customer ON privacy_exports (tenant_id, customer_id);
      CREATE TABLE account_capabilities (
        agent_id text NOT NULL REFERENCES agents(id),
        capability text NOT NULL CHECK (capability IN ('privacy')),
        granted_by text NOT NULL,
        granted_at bigint NOT NULL,
        PRIMARY KEY (agent_id, capability)
      );
    `);
  },
};
