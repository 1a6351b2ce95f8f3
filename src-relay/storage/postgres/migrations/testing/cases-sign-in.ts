import { expect } from 'vitest';
import { addSignInSecurity } from '../0017-add-sign-in-security.js';
import { insertConversation, refusal, rows, type PostgresCase } from './postgres-rows.js';

/** Failures counted per tenant and key; known addresses go with their account. */
export const POSTGRES_SIGN_IN_CASES: PostgresCase[] = [
  {
    migration: addSignInSecurity,
    async before(db) {
      await insertConversation(db);
    },
    schema: {
      created: [
        'index sign_in_failures_by_age ON sign_in_failures(last_failed_at)',
        'table sign_in_addresses(agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE, address text NOT NULL, last_signed_in_at bigint NOT NULL, PRIMARY KEY (agent_id, address))',
        'table sign_in_failures(tenant_id text NOT NULL, key text NOT NULL, failures integer NOT NULL CHECK ((failures > 0)), last_failed_at bigint NOT NULL, PRIMARY KEY (tenant_id, key))',
      ],
    },
    async after(db) {
      await db.pool.query("INSERT INTO sign_in_failures VALUES ('t1', 'pair:ann|10.0.0.1', 3, 5), ('', 'email:x@y.test', 1, 6)");
      expect(await refusal(db, "INSERT INTO sign_in_failures VALUES ('t1', 'pair:ann|10.0.0.1', 1, 7)")).toMatch(/sign_in_failures_pkey/);
      expect(await refusal(db, "INSERT INTO sign_in_failures VALUES ('t1', 'k', 0, 7)")).toMatch(/sign_in_failures_failures_check/);
      await db.pool.query("INSERT INTO sign_in_addresses VALUES ('ann', '10.0.0.1', 9)");
      expect(await refusal(db, "INSERT INTO sign_in_addresses VALUES ('nobody', '10.0.0.1', 9)")).toMatch(/sign_in_addresses_agent_id_fkey/);
      expect(await rows(db, 'SELECT agent_id, address FROM sign_in_addresses')).toEqual([{ agent_id: 'ann', address: '10.0.0.1' }]);
    },
  },
];
