import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0028-add-masking-policy: the company's masking policy as JSON text, null for the default. */
export const addMaskingPolicy: PostgresMigration = {
  version: 17,
  name: '0017-add-masking-policy',
  async up(client) {
    await client.query('ALTER TABLE tenants ADD COLUMN masking_policy text');
  },
};
