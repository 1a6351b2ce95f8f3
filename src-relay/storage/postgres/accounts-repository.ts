import type { z } from 'zod';
import type { AwayReason, Channel, SettablePresence, Team, TeamSchedule } from '../../../src-shared/domain/model.js';
import { RoutingProfile, workKindOf, type Capacity } from '../../../src-shared/domain/routing-score.js';
import { parseMaskingPolicy } from '../rows/masking-policy-row.js';
import type { AccountsRepository, AgentAccount, ChosenPresence, NewAgent, ReadyAgent, RoutableAgent, StoredToken, TeamRoutableAgent, Tenant, TokenScope } from '../port/accounts.js';
import { normalizeEmail, readyAgentsSql, toReady, toRoutable, type AgentRow as AgentColumns, type ReadyRow, type RoutableRow } from '../rows/agent-rows.js';
import { rowsOf, type Query } from './query.js';

/** With the agent's teams, read in the same statement. */
interface AgentRow extends AgentColumns {
  team_ids: string[];
}

/**
 * Every column of an agent, as the SQLite store reads it, with its teams in routing order read in
 * the same statement (one round trip per listing, not one per agent). Text is ordered with
 * COLLATE "C" wherever SQLite orders it: byte order, whatever the database's collation.
 */
const AGENT_COLUMNS = `a.id, a.tenant_id, a.email, a.name, a.role, a.language, a.password_hash, COALESCE(a.state, a.presence) AS presence,
  a.state_reason, a.state_until, a.last_assigned_at,
  ARRAY(SELECT at.team_id FROM agent_teams at JOIN teams t ON t.id = at.team_id
         WHERE at.agent_id = a.id ORDER BY t.position, t.id COLLATE "C") AS team_ids`;

const ROUTABLE_COLUMNS = 'a.id, COALESCE(a.state, a.presence) AS presence, a.last_assigned_at, a.language, a.routing';

function toAccount(row: AgentRow): AgentAccount {
  return {
    agent: { id: row.id, tenantId: row.tenant_id, email: row.email, name: row.name, role: row.role, language: row.language, teamIds: row.team_ids },
    passwordHash: row.password_hash,
    chosenPresence: row.presence,
    presenceReason: row.state_reason,
    presenceUntil: row.state_until,
    lastAssignedAt: row.last_assigned_at,
  };
}

interface TeamRow {
  id: string;
  name: string;
  languages: string;
  schedule: string | null;
  overflow_team_id: string | null;
}

/** The SQLite store's statements (storage/sqlite/accounts-store.ts) in PostgreSQL's words. */
export function accountsRepository(query: Query): AccountsRepository {
  const agents = async (where: string, values: readonly unknown[]) => (await rowsOf<AgentRow>(query, `SELECT ${AGENT_COLUMNS} FROM agents a WHERE ${where}`, values)).map(toAccount);
  const insertAgentTeams = async (agentId: string, teamIds: readonly string[]) => {
    for (const teamId of teamIds) await query('INSERT INTO agent_teams (agent_id, team_id) VALUES ($1, $2)', [agentId, teamId]);
  };

  return {
    async insertTenant(tenant: Tenant, createdAt: number) {
      await query('INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3)', [tenant.id, tenant.name, createdAt]);
    },
    async offerTimeoutMs(tenantId) {
      const [row] = await rowsOf<{ offer_timeout_ms: number | null }>(query, 'SELECT offer_timeout_ms FROM tenants WHERE id = $1', [tenantId]);
      return row?.offer_timeout_ms ?? null;
    },
    async setOfferTimeoutMs(tenantId, ms) {
      await query('UPDATE tenants SET offer_timeout_ms = $1 WHERE id = $2', [ms, tenantId]);
    },
    async maskingPolicy(tenantId) {
      const [row] = await rowsOf<{ masking_policy: string | null }>(query, 'SELECT masking_policy FROM tenants WHERE id = $1', [tenantId]);
      return parseMaskingPolicy(row?.masking_policy);
    },
    async setMaskingPolicy(tenantId, policy) {
      await query('UPDATE tenants SET masking_policy = $1 WHERE id = $2', [JSON.stringify(policy), tenantId]);
    },
    async findTenant(id) {
      return (await rowsOf<Tenant>(query, 'SELECT id, name FROM tenants WHERE id = $1', [id]))[0] ?? null;
    },
    listTenants: () => rowsOf<Tenant>(query, 'SELECT id, name FROM tenants ORDER BY created_at, id COLLATE "C"'),
    async countTenants() {
      return (await rowsOf<{ n: number }>(query, 'SELECT COUNT(*) AS n FROM tenants'))[0]?.n ?? 0;
    },
    async insertTeam(tenantId, team: Team, position) {
      const schedule = team.schedule ? JSON.stringify(team.schedule) : null;
      await query('INSERT INTO teams (id, tenant_id, name, languages, position, schedule, overflow_team_id) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        team.id, tenantId, team.name, JSON.stringify(team.languages), position, schedule, team.overflowTeamId ?? null,
      ]);
    },
    async listTeams(tenantId) {
      const rows = await rowsOf<TeamRow>(query, 'SELECT id, name, languages, schedule, overflow_team_id FROM teams WHERE tenant_id = $1 ORDER BY position, id COLLATE "C"', [tenantId]);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        languages: JSON.parse(r.languages) as string[],
        // Written by insertTeam from a parsed schedule.
        schedule: r.schedule === null ? null : (JSON.parse(r.schedule) as TeamSchedule),
        overflowTeamId: r.overflow_team_id,
      }));
    },
    async teamExists(id) {
      return (await query('SELECT 1 FROM teams WHERE id = $1', [id])).rowCount !== 0;
    },
    async insertAgent(agent: NewAgent) {
      await query(
        `INSERT INTO agents (id, tenant_id, email, name, role, language, password_hash, presence, created_at, routing)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [agent.id, agent.tenantId, normalizeEmail(agent.email), agent.name, agent.role, agent.language, agent.passwordHash, agent.chosenPresence, agent.createdAt, agent.routing ? JSON.stringify(agent.routing) : null],
      );
      await insertAgentTeams(agent.id, agent.teamIds);
    },
    async findAgent(id) {
      return (await agents('a.id = $1', [id]))[0] ?? null;
    },
    findAgentsByEmail: (email) => agents('a.email = $1 ORDER BY a.tenant_id COLLATE "C"', [normalizeEmail(email)]),
    listTenantAgents: (tenantId) => agents('a.tenant_id = $1 ORDER BY a.id COLLATE "C"', [tenantId]),
    async listRoutable(tenantId, teamId): Promise<RoutableAgent[]> {
      const rows = await rowsOf<RoutableRow>(
        query,
        `SELECT ${ROUTABLE_COLUMNS} FROM agents a
         JOIN agent_teams at ON at.agent_id = a.id AND at.team_id = $1
         WHERE a.tenant_id = $2 AND a.role = 'agent' ORDER BY a.id COLLATE "C"`,
        [teamId, tenantId],
      );
      return rows.map(toRoutable);
    },
    async listRoutableOfTeams(tenantId, teamIds): Promise<TeamRoutableAgent[]> {
      const rows = await rowsOf<RoutableRow & { team_id: string }>(
        query,
        `SELECT at.team_id, ${ROUTABLE_COLUMNS} FROM agents a
         JOIN agent_teams at ON at.agent_id = a.id AND at.team_id = ANY($1::text[])
         WHERE a.tenant_id = $2 AND a.role = 'agent' ORDER BY at.team_id COLLATE "C", a.id COLLATE "C"`,
        [[...teamIds], tenantId],
      );
      return rows.map((r) => ({ ...toRoutable(r), teamId: r.team_id }));
    },
    async listReadyOfTeams(tenantId, teamIds, kinds, alsoAgentIds): Promise<ReadyAgent[]> {
      const also = alsoAgentIds.length > 0;
      const text = readyAgentsSql(kinds, { teamIn: 'at.team_id = ANY($1::text[])', tenant: '$2', alsoIn: also ? 'a.id = ANY($3::text[])' : null, order: 'at.team_id COLLATE "C", a.id COLLATE "C"', combine: 'or' });
      if (text === null) return [];
      const rows = await rowsOf<ReadyRow>(query, text, also ? [[...teamIds], tenantId, [...alsoAgentIds]] : [[...teamIds], tenantId]);
      return rows.map(toReady);
    },
    async listChosenPresences(tenantId): Promise<ChosenPresence[]> {
      const rows = await rowsOf<Pick<AgentRow, 'id' | 'presence' | 'state_reason' | 'state_until'>>(
        query,
        'SELECT id, COALESCE(state, presence) AS presence, state_reason, state_until FROM agents WHERE tenant_id = $1 ORDER BY id COLLATE "C"',
        [tenantId],
      );
      return rows.map((r) => ({ agentId: r.id, chosenPresence: r.presence, presenceReason: r.state_reason, presenceUntil: r.state_until }));
    },
    async setChosenPresence(agentId, presence: SettablePresence, detail: { reason?: AwayReason | null; until?: number | null } = {}) {
      const reason = presence === 'away' ? (detail.reason ?? null) : null;
      const until = presence === 'after-call-work' ? (detail.until ?? null) : null;
      await query('UPDATE agents SET presence = $1, state = $2, state_reason = $3, state_until = $4 WHERE id = $5', [presence === 'available' ? 'available' : 'away', presence, reason, until, agentId]);
    },
    async listStatesEnded(at) {
      return (await rowsOf<{ id: string }>(query, 'SELECT id FROM agents WHERE state_until IS NOT NULL AND state_until <= $1', [at])).map((r) => r.id);
    },
    async markAssigned(agentId, at) {
      await query('UPDATE agents SET last_assigned_at = $1 WHERE id = $2', [at, agentId]);
    },
    async setTeamSchedule(teamId, schedule: TeamSchedule | null, overflowTeamId) {
      await query('UPDATE teams SET schedule = $1, overflow_team_id = $2 WHERE id = $3', [schedule ? JSON.stringify(schedule) : null, overflowTeamId, teamId]);
    },
    async setAgentTeams(agentId, teamIds) {
      await query('DELETE FROM agent_teams WHERE agent_id = $1', [agentId]);
      await insertAgentTeams(agentId, teamIds);
    },
    async routingOf(agentId) {
      const [row] = await rowsOf<{ routing: string | null }>(query, 'SELECT routing FROM agents WHERE id = $1', [agentId]);
      return row?.routing ? RoutingProfile.parse(JSON.parse(row.routing)) : null;
    },
    async setRouting(agentId, routing: z.input<typeof RoutingProfile>) {
      await query('UPDATE agents SET routing = $1 WHERE id = $2', [JSON.stringify(RoutingProfile.parse(routing)), agentId]);
    },
    async openLoadByKind(agentId): Promise<Capacity> {
      // An open offer holds its room until it is taken or lapses.
      const rows = await rowsOf<{ channel: Channel; n: number }>(
        query,
        "SELECT channel, COUNT(*) AS n FROM conversations WHERE (assignee_id = $1 OR offer_agent_id = $1) AND status <> 'resolved' GROUP BY channel",
        [agentId],
      );
      const load: Capacity = { call: 0, chat: 0, email: 0 };
      for (const row of rows) load[workKindOf(row.channel)] += row.n;
      return load;
    },
    async openLoadsByKind(agentIds): Promise<Map<string, Capacity>> {
      const loads = new Map(agentIds.map((id): [string, Capacity] => [id, { call: 0, chat: 0, email: 0 }]));
      const rows = await rowsOf<{ agent_id: string; channel: Channel; n: number }>(
        query,
        `SELECT asked.agent_id, c.channel, COUNT(*) AS n FROM unnest($1::text[]) AS asked(agent_id)
         JOIN conversations c ON (c.assignee_id = asked.agent_id OR c.offer_agent_id = asked.agent_id) AND c.status <> 'resolved'
         GROUP BY asked.agent_id, c.channel`,
        [[...agentIds]],
      );
      for (const row of rows) {
        const load = loads.get(row.agent_id);
        if (load) load[workKindOf(row.channel)] += row.n;
      }
      return loads;
    },
    async insertToken(tokenHash, agentId, createdAt, expiresAt, scope = 'full') {
      await query('INSERT INTO auth_tokens (token_hash, agent_id, created_at, expires_at, scope) VALUES ($1, $2, $3, $4, $5)', [tokenHash, agentId, createdAt, expiresAt, scope]);
    },
    async findToken(tokenHash): Promise<StoredToken | null> {
      const [row] = await rowsOf<{ agent_id: string; expires_at: number; scope: TokenScope }>(query, 'SELECT agent_id, expires_at, scope FROM auth_tokens WHERE token_hash = $1', [tokenHash]);
      return row ? { agentId: row.agent_id, expiresAt: row.expires_at, scope: row.scope } : null;
    },
    async setTokenScope(tokenHash, scope) {
      await query('UPDATE auth_tokens SET scope = $1 WHERE token_hash = $2', [scope, tokenHash]);
    },
    async deleteAgentTokens(agentId) {
      return (await rowsOf<{ token_hash: string }>(query, 'DELETE FROM auth_tokens WHERE agent_id = $1 RETURNING token_hash', [agentId])).map((row) => row.token_hash);
    },
    async deleteToken(tokenHash) {
      return ((await query('DELETE FROM auth_tokens WHERE token_hash = $1', [tokenHash])).rowCount ?? 0) > 0;
    },
    async deleteExpiredTokens(now) {
      await query('DELETE FROM auth_tokens WHERE expires_at <= $1', [now]);
    },
  };
}
