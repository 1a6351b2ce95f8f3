import type Database from 'better-sqlite3';
import { SlaPolicy } from '../../../src-shared/domain/sla.js';
import type { SlaBreach, SlaRepository } from '../port/sla.js';
import type { Synchronous } from './synchronous.js';

/** Each tenant's SLA policies, in the order they are tried, and every breach, for reports. */
export function createSlaStore(db: Database.Database): Synchronous<SlaRepository> {
  const sql = {
    listPolicies: db.prepare<[string], string>('SELECT data FROM sla_policies WHERE tenant_id = ? ORDER BY position').pluck(),
    deletePolicies: db.prepare('DELETE FROM sla_policies WHERE tenant_id = ?'),
    insertPolicy: db.prepare('INSERT INTO sla_policies (tenant_id, position, data) VALUES (?, ?, ?)'),
    insertBreach: db.prepare(
      `INSERT OR IGNORE INTO sla_breaches (tenant_id, conversation_id, target, due_at, breached_at, team_id, channel, market)
       VALUES (@tenantId, @conversationId, @target, @dueAt, @breachedAt, @teamId, @channel, @market)`,
    ),
    listBreaches: db.prepare(
      `SELECT conversation_id AS conversationId, target, due_at AS dueAt, breached_at AS breachedAt, team_id AS teamId, channel, market
         FROM sla_breaches WHERE tenant_id = ? AND breached_at >= ? AND breached_at < ? ORDER BY breached_at`,
    ),
  };
  return {
    listPolicies(tenantId: string): SlaPolicy[] {
      return sql.listPolicies.all(tenantId).map((data) => SlaPolicy.parse(JSON.parse(data)));
    },
    /** Replaces the tenant's policies; call inside a transaction. */
    replacePolicies(tenantId: string, policies: readonly SlaPolicy[]): void {
      sql.deletePolicies.run(tenantId);
      policies.forEach((policy, position) => sql.insertPolicy.run(tenantId, position, JSON.stringify(policy)));
    },
    insertBreach(tenantId: string, breach: SlaBreach): void {
      sql.insertBreach.run({ tenantId, ...breach });
    },
    listBreaches(tenantId: string, from: number, to: number): SlaBreach[] {
      return sql.listBreaches.all(tenantId, from, to) as SlaBreach[];
    },
  };
}
