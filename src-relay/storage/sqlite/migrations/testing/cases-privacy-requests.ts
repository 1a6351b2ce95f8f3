import { expect } from 'vitest';
import { addPrivacyRequests } from '../0027-add-privacy-requests.js';
import { insertAccounts, rows, type RelayCase } from './relay-rows.js';

const REQUEST = `INSERT INTO privacy_requests (id, tenant_id, customer_id, kind, channel, requester_name, regime, received_at, due_at, status, opened_by, opened_at, updated_at)
  VALUES (?, 't1', 'gone', ?, 'email', 'Nok', 'pdpa_th', 1, 2, ?, 'ann', 1, 1)`;

/** A request outlives its customer; a reminder is told once per stage; capabilities belong to accounts. */
export const CASES_PRIVACY_REQUESTS: RelayCase[] = [
  {
    migration: addPrivacyRequests,
    before(db) {
      insertAccounts(db);
    },
    schema: {
      created: [
        "index privacy_exports_by_customer ON privacy_exports (tenant_id, customer_id)",
        "index privacy_reminders_by_time ON privacy_reminders (tenant_id, at)",
        "index privacy_requests_by_customer ON privacy_requests (tenant_id, customer_id)",
        "index privacy_requests_by_due ON privacy_requests (tenant_id, due_at)",
        "table account_capabilities(agent_id TEXT PK NOT NULL REFERENCES agents(id), capability TEXT PK NOT NULL, granted_by TEXT NOT NULL, granted_at INTEGER NOT NULL) WITHOUT ROWID",
        "table privacy_exports(id TEXT PK, tenant_id TEXT NOT NULL REFERENCES tenants(id), customer_id TEXT NOT NULL, request_id TEXT REFERENCES privacy_requests(id), location TEXT NOT NULL, size INTEGER NOT NULL, created_by TEXT NOT NULL, created_at INTEGER NOT NULL)",
        "table privacy_reminders(id TEXT PK, tenant_id TEXT NOT NULL REFERENCES tenants(id), request_id TEXT NOT NULL REFERENCES privacy_requests(id), stage TEXT NOT NULL, due_at INTEGER NOT NULL, at INTEGER NOT NULL)",
        "table privacy_requests(id TEXT PK, tenant_id TEXT NOT NULL REFERENCES tenants(id), customer_id TEXT NOT NULL, kind TEXT NOT NULL, channel TEXT NOT NULL, conversation_id TEXT, requester_name TEXT NOT NULL, on_behalf INTEGER NOT NULL DEFAULT 0, regime TEXT NOT NULL, received_at INTEGER NOT NULL, due_at INTEGER NOT NULL, receipt_due_at INTEGER, status TEXT NOT NULL, extension_reason TEXT, refusal_reason TEXT, identity_method TEXT, identity_note TEXT, identity_checked_by TEXT, identity_checked_at INTEGER, note TEXT NOT NULL DEFAULT '', opened_by TEXT NOT NULL, opened_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
      ],
    },
    after(db) {
      db.prepare(REQUEST).run('r1', 'access', 'received');
      expect(rows(db, 'SELECT id, on_behalf, note, receipt_due_at FROM privacy_requests')).toEqual([{ id: 'r1', on_behalf: 0, note: '', receipt_due_at: null }]);
      expect(() => db.prepare(REQUEST).run('r2', 'delete-all', 'received')).toThrow(/CHECK/);
      expect(() => db.prepare(REQUEST).run('r3', 'access', 'lost')).toThrow(/CHECK/);
      const reminder = "INSERT INTO privacy_reminders VALUES (?, 't1', ?, 'week', 2, 1)";
      db.prepare(reminder).run('n1', 'r1');
      expect(() => db.prepare(reminder).run('n2', 'r1')).toThrow(/UNIQUE/);
      expect(() => db.prepare(reminder).run('n3', 'nope')).toThrow(/FOREIGN KEY/);
      db.exec("INSERT INTO privacy_exports VALUES ('x1', 't1', 'gone', 'r1', 't1/x1.zip', 10, 'ann', 5)");
      db.exec("INSERT INTO account_capabilities VALUES ('ann', 'privacy', 'ann', 5)");
      expect(() => db.exec("INSERT INTO account_capabilities VALUES ('ann', 'root', 'ann', 5)")).toThrow(/CHECK/);
      expect(() => db.exec("INSERT INTO account_capabilities VALUES ('nobody', 'privacy', 'ann', 5)")).toThrow(/FOREIGN KEY/);
    },
  },
];
