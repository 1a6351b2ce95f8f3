import { expect } from 'vitest';
import { addPrivacyRequests } from '../0016-add-privacy-requests.js';
import { insertConversation, refusal, rows, type PostgresCase } from './postgres-rows.js';

const REQUEST = `INSERT INTO privacy_requests (id, tenant_id, customer_id, kind, channel, requester_name, regime, received_at, due_at, status, opened_by, opened_at, updated_at)
  VALUES ($1, 't1', 'gone', $2, 'email', 'Nok', 'pdpa_th', 1, 2, $3, 'ann', 1, 1)`;
const REMINDER = "INSERT INTO privacy_reminders VALUES ($1, 't1', $2, 'week', 2, 1)";

/** A request outlives its customer; a reminder is told once per stage; capabilities belong to accounts. */
export const POSTGRES_PRIVACY_REQUEST_CASES: PostgresCase[] = [
  {
    migration: addPrivacyRequests,
    async before(db) {
      await insertConversation(db);
    },
    schema: {
      created: [
        "index privacy_exports_by_customer ON privacy_exports(tenant_id, customer_id)",
        "index privacy_reminders_by_time ON privacy_reminders(tenant_id, at)",
        "index privacy_requests_by_customer ON privacy_requests(tenant_id, customer_id)",
        "index privacy_requests_by_due ON privacy_requests(tenant_id, due_at)",
        "table account_capabilities(agent_id text NOT NULL REFERENCES agents(id), capability text NOT NULL CHECK ((capability = 'privacy'::text)), granted_by text NOT NULL, granted_at bigint NOT NULL, PRIMARY KEY (agent_id, capability))",
        "table privacy_exports(id text PK, tenant_id text NOT NULL REFERENCES tenants(id), customer_id text NOT NULL, request_id text REFERENCES privacy_requests(id), location text NOT NULL, size bigint NOT NULL, created_by text NOT NULL, created_at bigint NOT NULL)",
        "table privacy_reminders(id text PK, tenant_id text NOT NULL REFERENCES tenants(id), request_id text NOT NULL REFERENCES privacy_requests(id), stage text NOT NULL CHECK ((stage = ANY (ARRAY['week'::text, 'two_days'::text, 'overdue'::text]))), due_at bigint NOT NULL, at bigint NOT NULL, UNIQUE (request_id, stage, due_at))",
        "table privacy_requests(id text PK, tenant_id text NOT NULL REFERENCES tenants(id), customer_id text NOT NULL, kind text NOT NULL CHECK ((kind = ANY (ARRAY['access'::text, 'portability'::text, 'erasure'::text, 'correction'::text, 'objection'::text]))), channel text NOT NULL, conversation_id text, requester_name text NOT NULL, on_behalf smallint NOT NULL DEFAULT 0 CHECK ((on_behalf = ANY (ARRAY[0, 1]))), regime text NOT NULL, received_at bigint NOT NULL, due_at bigint NOT NULL, receipt_due_at bigint, status text NOT NULL CHECK ((status = ANY (ARRAY['received'::text, 'identity_checked'::text, 'in_progress'::text, 'extended'::text, 'done'::text, 'refused'::text]))), extension_reason text, refusal_reason text, identity_method text, identity_note text, identity_checked_by text, identity_checked_at bigint, note text NOT NULL DEFAULT ''::text, opened_by text NOT NULL, opened_at bigint NOT NULL, updated_at bigint NOT NULL)",
      ],
    },
    async after(db) {
      await db.pool.query(REQUEST, ['r1', 'access', 'received']);
      expect(await rows(db, 'SELECT id, on_behalf, note, receipt_due_at FROM privacy_requests')).toEqual([{ id: 'r1', on_behalf: 0, note: '', receipt_due_at: null }]);
      expect(await refusal(db, REQUEST, 'r2', 'delete-all', 'received')).toMatch(/privacy_requests_kind_check/);
      expect(await refusal(db, REQUEST, 'r3', 'access', 'lost')).toMatch(/privacy_requests_status_check/);
      await db.pool.query(REMINDER, ['n1', 'r1']);
      expect(await refusal(db, REMINDER, 'n2', 'r1')).toMatch(/privacy_reminders_request_id_stage_due_at_key/);
      expect(await refusal(db, REMINDER, 'n3', 'nope')).toMatch(/privacy_reminders_request_id_fkey/);
      await db.pool.query("INSERT INTO privacy_exports VALUES ('x1', 't1', 'gone', 'r1', 't1/x1.zip', 10, 'ann', 5)");
      await db.pool.query("INSERT INTO account_capabilities VALUES ('ann', 'privacy', 'ann', 5)");
      expect(await refusal(db, "INSERT INTO account_capabilities VALUES ('ann', 'root', 'ann', 5)")).toMatch(/account_capabilities_capability_check/);
      expect(await refusal(db, "INSERT INTO account_capabilities VALUES ('nobody', 'privacy', 'ann', 5)")).toMatch(/account_capabilities_agent_id_fkey/);
    },
  },
];
