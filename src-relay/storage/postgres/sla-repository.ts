import { SlaPolicy } from '../../../src-shared/domain/sla.js';
import type { SlaBreach, SlaRepository } from '../port/sla.js';
import { rowsOf, type Query } from './query.js';

/** Each tenant's SLA policies, in the order they are tried, and every breach, for reports. */
export function slaRepository(query: Query): SlaRepository {
  return {
    async listPolicies(tenantId) {
      const rows = await rowsOf<{ data: string }>(query, 'SELECT data FROM sla_policies WHERE tenant_id = $1 ORDER BY position', [tenantId]);
      return rows.map((row) => SlaPolicy.parse(JSON.parse(row.data)));
    },
    async replacePolicies(tenantId, policies) {
      await query('DELETE FROM sla_policies WHERE tenant_id = $1', [tenantId]);
      for (const [position, policy] of policies.entries()) {
        await query('INSERT INTO sla_policies (tenant_id, position, data) VALUES ($1, $2, $3)', [tenantId, position, JSON.stringify(policy)]);
      }
    },
    async insertBreach(tenantId, breach) {
      await query(
        `INSERT INTO sla_breaches (tenant_id, conversation_id, target, due_at, breached_at, team_id, channel, market)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [tenantId, breach.conversationId, breach.target, breach.dueAt, breach.breachedAt, breach.teamId, breach.channel, breach.market],
      );
    },
    listBreaches: (tenantId, from, to) =>
      rowsOf<SlaBreach>(
        query,
        `SELECT conversation_id AS "conversationId", target, due_at AS "dueAt", breached_at AS "breachedAt", team_id AS "teamId", channel, market
           FROM sla_breaches WHERE tenant_id = $1 AND breached_at >= $2 AND breached_at < $3 ORDER BY breached_at`,
        [tenantId, from, to],
      ),
  };
}
