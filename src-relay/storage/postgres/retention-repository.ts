import { RetentionPolicy } from '../../../src-shared/domain/retention.js';
import type { RetentionRepository } from '../port/retention.js';
import { ANONYMISED_COLUMNS, anonymisedOfRow, anonymisedValues, type AnonymisedRow } from '../rows/anonymised-row.js';
import { rowsOf, type Query } from './query.js';

/** Each tenant's retention policy, and the figures of the conversations it anonymised. */
export function retentionRepository(query: Query): RetentionRepository {
  return {
    async policyOf(tenantId) {
      const [row] = await rowsOf<{ policy: string }>(query, 'SELECT policy FROM retention_policies WHERE tenant_id = $1', [tenantId]);
      return row ? RetentionPolicy.parse(JSON.parse(row.policy)) : null;
    },
    async setPolicy(tenantId, policy, at) {
      if (policy === null) await query('DELETE FROM retention_policies WHERE tenant_id = $1', [tenantId]);
      else {
        await query(
          'INSERT INTO retention_policies (tenant_id, policy, updated_at) VALUES ($1, $2, $3) ON CONFLICT (tenant_id) DO UPDATE SET policy = EXCLUDED.policy, updated_at = EXCLUDED.updated_at',
          [tenantId, JSON.stringify(policy), at],
        );
      }
    },
    async keepAnonymised(tenantId, conversation) {
      const placeholders = ANONYMISED_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
      await query(`INSERT INTO anonymised_conversations (${ANONYMISED_COLUMNS.join(', ')}) VALUES (${placeholders})`, anonymisedValues(tenantId, conversation));
    },
    async listAnonymised(tenantId, from, to) {
      const rows = await rowsOf<AnonymisedRow>(
        query,
        'SELECT * FROM anonymised_conversations WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3 ORDER BY created_at, id COLLATE "C"',
        [tenantId, from, to],
      );
      return rows.map(anonymisedOfRow);
    },
  };
}
