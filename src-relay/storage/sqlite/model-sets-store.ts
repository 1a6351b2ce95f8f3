import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ModelSetsRepository } from '../port/model-sets.js';
import type { Synchronous } from './synchronous.js';

const StoredIds = z.array(z.string());

/** Each company's pinned model set, as a JSON array in its order. */
export function createModelSetsStore(db: Database.Database): Synchronous<ModelSetsRepository> {
  const sql = {
    pinned: db.prepare<[string], string>('SELECT models_json FROM tenant_model_sets WHERE tenant_id = ?').pluck(),
    save: db.prepare(
      `INSERT INTO tenant_model_sets (tenant_id, models_json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (tenant_id) DO UPDATE SET models_json = excluded.models_json, updated_at = excluded.updated_at`,
    ),
    remove: db.prepare('DELETE FROM tenant_model_sets WHERE tenant_id = ?'),
  };
  return {
    pinnedOf(tenantId) {
      const json = sql.pinned.get(tenantId);
      return json === undefined ? null : StoredIds.parse(JSON.parse(json));
    },
    setPinned(tenantId, models, at) {
      if (models === null) sql.remove.run(tenantId);
      else sql.save.run(tenantId, JSON.stringify(models), at);
    },
  };
}
