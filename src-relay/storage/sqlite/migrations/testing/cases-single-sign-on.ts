import { expect } from 'vitest';
import { addSingleSignOn } from '../0031-add-single-sign-on.js';
import { insertAccounts, rows, type RelayCase } from './relay-rows.js';

/** A provider per company, gone with it; a pending key is stored once. */
export const CASES_SINGLE_SIGN_ON: RelayCase[] = [
  {
    migration: addSingleSignOn,
    before(db) {
      insertAccounts(db);
    },
    schema: {
      altered: [],
      created: [
        'index sso_pending_by_expiry ON sso_pending(expires_at)',
        'table sso_pending(key_hash TEXT PK NOT NULL, kind TEXT NOT NULL, tenant_id TEXT NOT NULL, sealed TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID',
        'table tenant_sso(tenant_id TEXT PK NOT NULL REFERENCES tenants(id) ON DELETE CASCADE, issuer TEXT NOT NULL, client_id TEXT NOT NULL, client_secret_sealed TEXT NOT NULL, display_name TEXT NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID',
      ],
    },
    after(db) {
      db.exec("INSERT INTO tenant_sso VALUES ('t1', 'https://id.example', 'desk', 'v1.x', 'Acme SSO', 5)");
      expect(() => db.exec("INSERT INTO tenant_sso VALUES ('nobody', 'https://id.example', 'desk', 'v1.x', 'X', 5)")).toThrow(/FOREIGN KEY/);
      db.exec("INSERT INTO sso_pending VALUES ('h', 'handoff', 't1', 'v1.y', 9)");
      expect(() => db.exec("INSERT INTO sso_pending VALUES ('h', 'handoff', 't1', 'v1.y', 9)")).toThrow(/UNIQUE/);
      expect(() => db.exec("INSERT INTO sso_pending VALUES ('k', 'token', 't1', 'v1.y', 9)")).toThrow(/CHECK/);
      expect(rows(db, 'SELECT display_name FROM tenant_sso')).toEqual([{ display_name: 'Acme SSO' }]);
    },
  },
];
