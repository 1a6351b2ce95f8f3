import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** A company's pinned model set (docs/models.md): the model ids its desks fetch, in order, as a JSON array. */
export const addModelSets: Migration = {
  version: 32,
  name: '0032-add-model-sets',
  up(db) {
    db.exec(`
      CREATE TABLE tenant_model_sets (
        tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        models_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
