import { expect } from 'vitest';
import { addSingleSignOn } from '../0020-add-single-sign-on.js';
import { insertConversation, refusal, rows, type PostgresCase } from './postgres-rows.js';

/** A provider per company; a pending key is stored once. */
export const POSTGRES_SINGLE_SIGN_ON_CASES: PostgresCase[] = [
  {
    migration: addSingleSignOn,
    async before(db) {
      await insertConversation(db);
    },
    schema: {
      altered: [],
      created: [
        'index sso_pending_by_expiry ON sso_pending(expires_at)',
        "table sso_pending(key_hash text PK, kind text NOT NULL CHECK ((kind = ANY (ARRAY['authorization'::text, 'handoff'::text]))), tenant_id text NOT NULL, sealed text NOT NULL, expires_at bigint NOT NULL)",
        'table tenant_sso(tenant_id text PK REFERENCES tenants(id) ON DELETE CASCADE, issuer text NOT NULL, client_id text NOT NULL, client_secret_sealed text NOT NULL, display_name text NOT NULL, updated_at bigint NOT NULL)',
      ],
    },
    async after(db) {
      await db.pool.query("INSERT INTO tenant_sso VALUES ('t1', 'https://id.example', 'desk', 'v1.x', 'Acme SSO', 5)");
      expect(await refusal(db, "INSERT INTO tenant_sso VALUES ('nobody', 'https://id.example', 'desk', 'v1.x', 'X', 5)")).toMatch(/tenant_sso_tenant_id_fkey/);
      await db.pool.query("INSERT INTO sso_pending VALUES ('h', 'handoff', 't1', 'v1.y', 9)");
      expect(await refusal(db, "INSERT INTO sso_pending VALUES ('h', 'handoff', 't1', 'v1.y', 9)")).toMatch(/sso_pending_pkey/);
      expect(await refusal(db, "INSERT INTO sso_pending VALUES ('k', 'token', 't1', 'v1.y', 9)")).toMatch(/sso_pending_kind_check/);
      expect(await rows(db, 'SELECT display_name FROM tenant_sso')).toEqual([{ display_name: 'Acme SSO' }]);
    },
  },
];
