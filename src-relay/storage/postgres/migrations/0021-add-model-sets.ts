import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0032-add-model-sets: each company's pinned model set, in order (JSON as text: only stored and parsed). */
export const addModelSets: PostgresMigration = {
  version: 21,
  name: '0021-add-model-sets',
  async up(client) {
    await client.query(`
      CREATE TABLE tenant_model_sets (
        tenant_id text PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        models_json text NOT NULL,
        updated_at bigint NOT NULL
      );
    `);
  },
};
