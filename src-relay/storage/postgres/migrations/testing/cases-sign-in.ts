import { expect } from 'vitest';
import { addSignInSecurity } from '../0018-add-sign-in-security.js';
import { insertConversation, refusal, rows, type PostgresCase } from './postgres-rows.js';

/** Failures counted per tenant and key; known addresses go with their account. */
export const POSTGRES_SIGN_IN_CASES: PostgresCase[] = [
  {
    migration: addSignInSecurity,
    async before(db) {
      await insertConversation(db);
    },
    schema: {
      altered: [
        'table agents + disabled_at bigint',
        "table auth_tokens + scope text NOT NULL DEFAULT 'full'::text CHECK ((scope = ANY (ARRAY['full'::text, 'enrol'::text])))",
        'table tenants + admins_need_two_factor smallint NOT NULL DEFAULT 0 CHECK ((admins_need_two_factor = ANY (ARRAY[0, 1])))',
      ],
      created: [
        'index auth_tokens_by_agent ON auth_tokens(agent_id)',
        'table agent_recovery_codes(agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE, code_hash text NOT NULL, used_at bigint, PRIMARY KEY (agent_id, code_hash))',
        'table agent_two_factor(agent_id text PK REFERENCES agents(id) ON DELETE CASCADE, secret_sealed text NOT NULL, confirmed_at bigint, last_step bigint NOT NULL DEFAULT 0)',
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
      await db.pool.query("INSERT INTO auth_tokens (token_hash, agent_id, created_at, expires_at) VALUES ('t', 'ann', 1, 2)");
      expect(await rows(db, 'SELECT scope FROM auth_tokens')).toEqual([{ scope: 'full' }]);
      expect(await refusal(db, "UPDATE auth_tokens SET scope = 'root'")).toMatch(/auth_tokens_scope_check/);
      expect(await rows(db, 'SELECT admins_need_two_factor AS need FROM tenants')).toEqual([{ need: 0 }]);
    },
  },
];
