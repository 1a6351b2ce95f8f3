import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * A company's masking policy (src-shared/privacy/masking-policy.ts) as JSON; null until an
 * administrator chooses one, and the default applies.
 */
export const addMaskingPolicy: Migration = {
  version: 28,
  name: '0028-add-masking-policy',
  up(db) {
    db.exec('ALTER TABLE tenants ADD COLUMN masking_policy TEXT');
  },
};
