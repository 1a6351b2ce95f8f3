import { expect } from 'vitest';
import { addModelSets } from '../0032-add-model-sets.js';
import { insertAccounts, rows, type RelayCase } from './relay-rows.js';

/** One pinned set per company, gone with it. */
export const CASES_MODEL_SETS: RelayCase[] = [
  {
    migration: addModelSets,
    before(db) {
      insertAccounts(db);
    },
    schema: {
      altered: [],
      created: ['table tenant_model_sets(tenant_id TEXT PK NOT NULL REFERENCES tenants(id) ON DELETE CASCADE, models_json TEXT NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID'],
    },
    after(db) {
      db.exec(`INSERT INTO tenant_model_sets VALUES ('t1', '["opus-mt-th-en"]', 5)`);
      expect(() => db.exec(`INSERT INTO tenant_model_sets VALUES ('t1', '[]', 6)`)).toThrow(/UNIQUE/);
      expect(() => db.exec(`INSERT INTO tenant_model_sets VALUES ('nobody', '[]', 6)`)).toThrow(/FOREIGN KEY/);
      expect(rows(db, 'SELECT models_json FROM tenant_model_sets')).toEqual([{ models_json: '["opus-mt-th-en"]' }]);
    },
  },
];
