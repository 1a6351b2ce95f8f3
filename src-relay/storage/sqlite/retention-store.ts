import type Database from 'better-sqlite3';
import { RetentionPolicy } from '../../../src-shared/domain/retention.js';
import type { RetentionRepository } from '../port/retention.js';
import { ANONYMISED_COLUMNS, anonymisedOfRow, anonymisedValues, type AnonymisedRow } from '../rows/anonymised-row.js';
import type { Synchronous } from './synchronous.js';

/** Each tenant's retention policy, and the figures of the conversations it anonymised. */
export function createRetentionStore(db: Database.Database): Synchronous<RetentionRepository> {
  const sql = {
    policy: db.prepare('SELECT policy FROM retention_policies WHERE tenant_id = ?').pluck(),
    setPolicy: db.prepare(
      'INSERT INTO retention_policies (tenant_id, policy, updated_at) VALUES (?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at',
    ),
    clearPolicy: db.prepare('DELETE FROM retention_policies WHERE tenant_id = ?'),
    keep: db.prepare(`INSERT INTO anonymised_conversations (${ANONYMISED_COLUMNS.join(', ')}) VALUES (${ANONYMISED_COLUMNS.map(() => '?').join(', ')})`),
    list: db.prepare('SELECT * FROM anonymised_conversations WHERE tenant_id = ? AND created_at >= ? AND created_at < ? ORDER BY created_at, id'),
  };
  return {
    policyOf(tenantId: string): RetentionPolicy | null {
      const stored = sql.policy.get(tenantId) as string | undefined;
      return stored === undefined ? null : RetentionPolicy.parse(JSON.parse(stored));
    },
    setPolicy(tenantId: string, policy: RetentionPolicy | null, at: number): void {
      if (policy === null) sql.clearPolicy.run(tenantId);
      else sql.setPolicy.run(tenantId, JSON.stringify(policy), at);
    },
    keepAnonymised(tenantId, conversation): void {
      sql.keep.run(...anonymisedValues(tenantId, conversation));
    },
    listAnonymised(tenantId: string, from: number, to: number) {
      return (sql.list.all(tenantId, from, to) as AnonymisedRow[]).map(anonymisedOfRow);
    },
  };
}
