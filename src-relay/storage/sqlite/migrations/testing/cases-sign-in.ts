import { expect } from 'vitest';
import { addSignInSecurity } from '../0029-add-sign-in-security.js';
import { insertAccounts, rows, type RelayCase } from './relay-rows.js';

/** Failures counted per tenant and key; known addresses go with their account. */
export const CASES_SIGN_IN: RelayCase[] = [
  {
    migration: addSignInSecurity,
    before(db) {
      insertAccounts(db);
    },
    schema: {
      altered: [
        'table agents + disabled_at INTEGER',
        "table auth_tokens + scope TEXT NOT NULL DEFAULT 'full'",
        'table tenants + admins_need_two_factor INTEGER NOT NULL DEFAULT 0',
      ],
      created: [
        'index auth_tokens_by_agent ON auth_tokens(agent_id)',
        'table agent_recovery_codes(agent_id TEXT PK NOT NULL REFERENCES agents(id) ON DELETE CASCADE, code_hash TEXT PK NOT NULL, used_at INTEGER) WITHOUT ROWID',
        'table agent_two_factor(agent_id TEXT PK NOT NULL REFERENCES agents(id) ON DELETE CASCADE, secret_sealed TEXT NOT NULL, confirmed_at INTEGER, last_step INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID',
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
      expect(rows(db, 'SELECT admins_need_two_factor AS need FROM tenants')).toEqual([{ need: 0 }]);
      expect(() => db.exec("UPDATE auth_tokens SET scope = 'root'")).not.toThrow();
      db.exec("INSERT INTO auth_tokens (token_hash, agent_id, created_at, expires_at) VALUES ('t', 'ann', 1, 2)");
      expect(rows(db, 'SELECT scope FROM auth_tokens')).toEqual([{ scope: 'full' }]);
      expect(() => db.exec("UPDATE auth_tokens SET scope = 'root'")).toThrow(/CHECK/);
      db.exec("INSERT INTO agent_two_factor (agent_id, secret_sealed) VALUES ('ann', 'v1.x'); INSERT INTO agent_recovery_codes VALUES ('ann', 'h', NULL)");
      db.exec("DELETE FROM auth_tokens; DELETE FROM agent_teams; DELETE FROM agents WHERE id = 'ann'");
      expect(rows(db, 'SELECT * FROM sign_in_addresses')).toEqual([]);
      expect(rows(db, 'SELECT * FROM agent_two_factor')).toEqual([]);
      expect(rows(db, 'SELECT * FROM agent_recovery_codes')).toEqual([]);
    },
  },
];
