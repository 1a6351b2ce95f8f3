import { expect } from 'vitest';
import { addMaskingPolicy } from '../0028-add-masking-policy.js';
import { insertConversation, rows, type RelayCase } from './relay-rows.js';

/** A company from before has no policy of its own (the default applies) and can be given one. */
export const CASES_MASKING_POLICY: RelayCase[] = [
  {
    migration: addMaskingPolicy,
    before(db) {
      insertConversation(db);
    },
    schema: { altered: ['table tenants + masking_policy TEXT'] },
    after(db) {
      expect(rows(db, 'SELECT id, masking_policy FROM tenants')).toEqual([{ id: 't1', masking_policy: null }]);
      db.exec(`UPDATE tenants SET masking_policy = '{"agent":["card"]}' WHERE id = 't1'`);
      expect(rows(db, 'SELECT masking_policy FROM tenants')).toEqual([{ masking_policy: '{"agent":["card"]}' }]);
    },
  },
];
