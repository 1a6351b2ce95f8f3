import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * A company's masking policy (src-shared/privacy/masking-policy.ts) as JSON; null until an
 * administrator chooses one, and the default applies.
 */
export const addMaskingPolicy: Migration = {
  // Numbered 0029 by the lead; the runner wants versions 1, 2, 3...: 27 on this branch until 0027-0028 are merged.
  version: 27,
  name: '0029-add-masking-policy',
  up(db) {
    db.exec('ALTER TABLE tenants ADD COLUMN masking_policy TEXT');
  },
};
