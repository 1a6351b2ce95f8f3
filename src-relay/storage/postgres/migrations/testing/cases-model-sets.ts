import { expect } from 'vitest';
import { addModelSets } from '../0021-add-model-sets.js';
import { insertConversation, refusal, rows, type PostgresCase } from './postgres-rows.js';

/** One pinned set per company. */
export const POSTGRES_MODEL_SET_CASES: PostgresCase[] = [
  {
    migration: addModelSets,
    async before(db) {
      await insertConversation(db);
    },
    schema: {
      altered: [],
      created: ['table tenant_model_sets(tenant_id text PK REFERENCES tenants(id) ON DELETE CASCADE, models_json text NOT NULL, updated_at bigint NOT NULL)'],
    },
    async after(db) {
      await db.pool.query(`INSERT INTO tenant_model_sets VALUES ('t1', '["opus-mt-th-en"]', 5)`);
      expect(await refusal(db, `INSERT INTO tenant_model_sets VALUES ('t1', '[]', 6)`)).toMatch(/tenant_model_sets_pkey/);
      expect(await refusal(db, `INSERT INTO tenant_model_sets VALUES ('nobody', '[]', 6)`)).toMatch(/tenant_model_sets_tenant_id_fkey/);
      expect(await rows(db, 'SELECT models_json FROM tenant_model_sets')).toEqual([{ models_json: '["opus-mt-th-en"]' }]);
    },
  },
];
