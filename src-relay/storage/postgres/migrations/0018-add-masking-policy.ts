import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0029-add-masking-policy: the company's masking policy as JSON text, null for the default. */
export const addMaskingPolicy: PostgresMigration = {
  // Numbered 0018 by the lead; the runner wants versions 1, 2, 3...: 16 on this branch until 0016-0017 are merged.
  version: 16,
  name: '0018-add-masking-policy',
  async up(client) {
    await client.query('ALTER TABLE tenants ADD COLUMN masking_policy text');
  },
};
