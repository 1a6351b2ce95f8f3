import { z } from 'zod';
import type { ModelSetsRepository } from '../port/model-sets.js';
import { rowsOf, type Query } from './query.js';

const StoredIds = z.array(z.string());

/** Each company's pinned model set, as a JSON array in its order, shared by every node. */
export function modelSetsRepository(query: Query): ModelSetsRepository {
  return {
    async pinnedOf(tenantId) {
      const [row] = await rowsOf<{ models: string }>(query, 'SELECT models_json AS models FROM tenant_model_sets WHERE tenant_id = $1', [tenantId]);
      return row ? StoredIds.parse(JSON.parse(row.models)) : null;
    },
    async setPinned(tenantId, models, at) {
      if (models === null) {
        await query('DELETE FROM tenant_model_sets WHERE tenant_id = $1', [tenantId]);
        return;
      }
      await query(
        `INSERT INTO tenant_model_sets (tenant_id, models_json, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id) DO UPDATE SET models_json = excluded.models_json, updated_at = excluded.updated_at`,
        [tenantId, JSON.stringify(models), at],
      );
    },
  };
}
