import { expect } from 'vitest';
import { addMaskingPolicy } from '../0017-add-masking-policy.js';
import { insertConversation, rows, type PostgresCase } from './postgres-rows.js';

/** A company from before has no policy of its own (the default applies) and can be given one. */
export const POSTGRES_MASKING_POLICY_CASES: PostgresCase[] = [
  {
    migration: addMaskingPolicy,
    async before(db) {
      await insertConversation(db);
    },
    schema: { altered: ['table tenants + masking_policy text'] },
    async after(db) {
      expect(await rows(db, 'SELECT id, masking_policy FROM tenants')).toEqual([{ id: 't1', masking_policy: null }]);
      await db.pool.query(`UPDATE tenants SET masking_policy = '{"agent":["card"]}' WHERE id = 't1'`);
      expect(await rows(db, 'SELECT masking_policy FROM tenants')).toEqual([{ masking_policy: '{"agent":["card"]}' }]);
    },
  },
];
