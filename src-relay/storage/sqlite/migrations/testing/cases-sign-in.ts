import { expect } from 'vitest';
import { addSignInSecurity } from '../0028-add-sign-in-security.js';
import { insertAccounts, rows, type RelayCase } from './relay-rows.js';

/** Failures counted per tenant and key; known addresses go with their account. */
export const CASES_SIGN_IN: RelayCase[] = [
  {
    migration: addSignInSecurity,
    before(db) {
      insertAccounts(db);
    },
    schema: {
      created: [
        'index sign_in_failures_by_age ON sign_in_failures(last_failed_at)',
        'table sign_in_addresses(agent_id TEXT PK NOT NULL REFERENCES agents(id) ON DELETE CASCADE, address TEXT PK NOT NULL, last_signed_in_at INTEGER NOT NULL) WITHOUT ROWID',
        'table sign_in_failures(tenant_id TEXT PK NOT NULL, key TEXT PK NOT NULL, failures INTEGER NOT NULL, last_failed_at INTEGER NOT NULL) WITHOUT ROWID',
      ],
    },
    after(db) {
      db.exec("INSERT INTO sign_in_failures VALUES ('t1', 'pair:ann|10.0.0.1', 3, 5), ('', 'email:x@y.test', 1, 6)");
      expect(() => db.exec("INSERT INTO sign_in_failures VALUES ('t1', 'pair:ann|10.0.0.1', 1, 7)")).toThrow(/UNIQUE/);
      expect(() => db.exec("INSERT INTO sign_in_failures VALUES ('t1', 'k', 0, 7)")).toThrow(/CHECK/);
      db.exec("INSERT INTO sign_in_addresses VALUES ('ann', '10.0.0.1', 9)");
      expect(() => db.exec("INSERT INTO sign_in_addresses VALUES ('nobody', '10.0.0.1', 9)")).toThrow(/FOREIGN KEY/);
      db.exec("DELETE FROM agent_teams; DELETE FROM agents WHERE id = 'ann'");
      expect(rows(db, 'SELECT * FROM sign_in_addresses')).toEqual([]);
    },
  },
];
