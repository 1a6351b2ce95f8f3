import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { AwayReason, Channel, SettablePresence, Team, TeamSchedule } from '../../../src-shared/domain/model.js';
import { RoutingProfile, workKindOf, type Capacity, type WorkKind } from '../../../src-shared/domain/routing-score.js';
import { parseMaskingPolicy } from '../rows/masking-policy-row.js';
import type { MaskingPolicy } from '../../../src-shared/privacy/masking-policy.js';
import type { AccountsRepository, AgentAccount, ChosenPresence, NewAgent, ReadyAgent, RoutableAgent, StoredToken, TeamRoutableAgent, Tenant, TokenScope } from '../port/accounts.js';
import { normalizeEmail, readyAgentsSql, toReady, toRoutable, type AgentRow, type ReadyRow, type RoutableRow } from '../rows/agent-rows.js';
import type { Synchronous } from './synchronous.js';

/** Every column of an agent, with the chosen state (null for older rows) read as `presence`. */
const AGENT_COLUMNS = `id, tenant_id, email, name, role, language, password_hash, COALESCE(state, presence) AS presence,
  state_reason, state_until, last_assigned_at, created_at, routing`;

export function createAccountsStore(db: Database.Database): Synchronous<AccountsRepository> {
  // listReadyOfTeams's statements, one per set of kinds asked (a handful).
  const readyStatements = new Map<string, Database.Statement>();
  const sql = {
    insertTenant: db.prepare('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)'),
    findTenant: db.prepare('SELECT id, name FROM tenants WHERE id = ?'),
    listTenants: db.prepare('SELECT id, name FROM tenants ORDER BY created_at, id'),
    countTenants: db.prepare('SELECT COUNT(*) AS n FROM tenants'),
    insertTeam: db.prepare('INSERT INTO teams (id, tenant_id, name, languages, position, schedule, overflow_team_id) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    listTeams: db.prepare('SELECT id, name, languages, schedule, overflow_team_id FROM teams WHERE tenant_id = ? ORDER BY position, id'),
    insertAgent: db.prepare(
      `INSERT INTO agents (id, tenant_id, email, name, role, language, password_hash, presence, created_at, routing)
       VALUES (@id, @tenantId, @email, @name, @role, @language, @passwordHash, @chosenPresence, @createdAt, @routing)`,
    ),
    insertAgentTeam: db.prepare('INSERT INTO agent_teams (agent_id, team_id) VALUES (?, ?)'),
    teamExists: db.prepare('SELECT 1 FROM teams WHERE id = ?').pluck(),
    deleteAgentTeams: db.prepare('DELETE FROM agent_teams WHERE agent_id = ?'),
    routingOf: db.prepare('SELECT routing FROM agents WHERE id = ?').pluck(),
    findAgent: db.prepare(`SELECT ${AGENT_COLUMNS} FROM agents WHERE id = ?`),
    findAgentsByEmail: db.prepare(`SELECT ${AGENT_COLUMNS} FROM agents WHERE email = ? ORDER BY tenant_id`),
    listTenantAgents: db.prepare(`SELECT ${AGENT_COLUMNS} FROM agents WHERE tenant_id = ? ORDER BY id`),
    agentTeams: db.prepare(
      'SELECT at.team_id FROM agent_teams at JOIN teams t ON t.id = at.team_id WHERE at.agent_id = ? ORDER BY t.position, t.id',
    ),
    // From the tenant's agents (indexed by tenant) to their membership of this one team (primary key).
    listRoutable: db.prepare(
      `SELECT a.id, COALESCE(a.state, a.presence) AS presence, a.last_assigned_at, a.language, a.routing FROM agents a
       JOIN agent_teams at ON at.agent_id = a.id AND at.team_id = ?
       WHERE a.tenant_id = ? AND a.role = 'agent' ORDER BY a.id`,
    ),
    listRoutableOfTeams: db.prepare(
      `SELECT at.team_id, a.id, COALESCE(a.state, a.presence) AS presence, a.last_assigned_at, a.language, a.routing FROM agents a
       JOIN agent_teams at ON at.agent_id = a.id AND at.team_id IN (SELECT value FROM json_each(?))
       WHERE a.tenant_id = ? AND a.role = 'agent' ORDER BY at.team_id, a.id`,
    ),
    listChosenPresences: db.prepare('SELECT id, COALESCE(state, presence) AS presence, state_reason, state_until FROM agents WHERE tenant_id = ? ORDER BY id'),
    setPresence: db.prepare('UPDATE agents SET presence = ?, state = ?, state_reason = ?, state_until = ? WHERE id = ?'),
    listStatesEnded: db.prepare('SELECT id FROM agents WHERE state_until IS NOT NULL AND state_until <= ?').pluck(),
    markAssigned: db.prepare('UPDATE agents SET last_assigned_at = ? WHERE id = ?'),
    setRouting: db.prepare('UPDATE agents SET routing = ? WHERE id = ?'),
    setTeamSchedule: db.prepare('UPDATE teams SET schedule = ?, overflow_team_id = ? WHERE id = ?'),
    // An open offer holds its room until it is taken or lapses.
    openLoadByChannel: db.prepare(
      "SELECT channel, COUNT(*) AS n FROM conversations WHERE (assignee_id = @agentId OR offer_agent_id = @agentId) AND status <> 'resolved' GROUP BY channel",
    ),
    openLoadsByChannel: db.prepare(
      `SELECT asked.value AS agent_id, c.channel, COUNT(*) AS n FROM json_each(?) asked
       JOIN conversations c ON (c.assignee_id = asked.value OR c.offer_agent_id = asked.value) AND c.status <> 'resolved'
       GROUP BY asked.value, c.channel`,
    ),
    offerTimeout: db.prepare('SELECT offer_timeout_ms FROM tenants WHERE id = ?').pluck(),
    setOfferTimeout: db.prepare('UPDATE tenants SET offer_timeout_ms = ? WHERE id = ?'),
    maskingPolicy: db.prepare('SELECT masking_policy FROM tenants WHERE id = ?').pluck(),
    setMaskingPolicy: db.prepare('UPDATE tenants SET masking_policy = ? WHERE id = ?'),
    insertToken: db.prepare('INSERT INTO auth_tokens (token_hash, agent_id, created_at, expires_at, scope) VALUES (?, ?, ?, ?, ?)'),
    findToken: db.prepare('SELECT agent_id, expires_at, scope FROM auth_tokens WHERE token_hash = ?'),
    setTokenScope: db.prepare('UPDATE auth_tokens SET scope = ? WHERE token_hash = ?'),
    deleteAgentTokens: db.prepare('DELETE FROM auth_tokens WHERE agent_id = ? RETURNING token_hash').pluck(),
    deleteToken: db.prepare('DELETE FROM auth_tokens WHERE token_hash = ?'),
    deleteExpiredTokens: db.prepare('DELETE FROM auth_tokens WHERE expires_at <= ?'),
  };

  const teamIdsOf = (agentId: string): string[] =>
    (sql.agentTeams.all(agentId) as { team_id: string }[]).map((r) => r.team_id);

  const toAccount = (row: AgentRow): AgentAccount => ({
    agent: {
      id: row.id,
      tenantId: row.tenant_id,
      email: row.email,
      name: row.name,
      role: row.role,
      language: row.language,
      teamIds: teamIdsOf(row.id),
    },
    passwordHash: row.password_hash,
    chosenPresence: row.presence,
    presenceReason: row.state_reason,
    presenceUntil: row.state_until,
    lastAssignedAt: row.last_assigned_at,
  });

  return {
    insertTenant(tenant: Tenant, createdAt: number): void {
      sql.insertTenant.run(tenant.id, tenant.name, createdAt);
    },
    /** How long an agent has to accept an offer; null when conversations are assigned at once. */
    offerTimeoutMs(tenantId: string): number | null {
      return (sql.offerTimeout.get(tenantId) as number | null | undefined) ?? null;
    },
    setOfferTimeoutMs(tenantId: string, ms: number | null): void {
      sql.setOfferTimeout.run(ms, tenantId);
    },
    maskingPolicy(tenantId: string): MaskingPolicy | null {
      return parseMaskingPolicy(sql.maskingPolicy.get(tenantId) as string | null | undefined);
    },
    setMaskingPolicy(tenantId: string, policy: MaskingPolicy): void {
      sql.setMaskingPolicy.run(JSON.stringify(policy), tenantId);
    },
    findTenant(id: string): Tenant | null {
      return (sql.findTenant.get(id) as Tenant | undefined) ?? null;
    },
    listTenants(): Tenant[] {
      return sql.listTenants.all() as Tenant[];
    },
    countTenants(): number {
      return (sql.countTenants.get() as { n: number }).n;
    },
    insertTeam(tenantId: string, team: Team, position: number): void {
      const schedule = team.schedule ? JSON.stringify(team.schedule) : null;
      sql.insertTeam.run(team.id, tenantId, team.name, JSON.stringify(team.languages), position, schedule, team.overflowTeamId ?? null);
    },
    /** In routing order: the first team takes languages no team serves. */
    listTeams(tenantId: string): Team[] {
      const rows = sql.listTeams.all(tenantId) as { id: string; name: string; languages: string; schedule: string | null; overflow_team_id: string | null }[];
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        languages: JSON.parse(r.languages) as string[],
        // Written by insertTeam from a parsed schedule.
        schedule: r.schedule === null ? null : (JSON.parse(r.schedule) as TeamSchedule),
        overflowTeamId: r.overflow_team_id,
      }));
    },
    /** Team ids are unique across companies. */
    teamExists(id: string): boolean {
      return sql.teamExists.get(id) !== undefined;
    },
    insertAgent(agent: NewAgent): void {
      const { teamIds: _teams, routing, ...columns } = agent;
      sql.insertAgent.run({ ...columns, email: normalizeEmail(agent.email), routing: routing ? JSON.stringify(routing) : null });
      for (const teamId of agent.teamIds) sql.insertAgentTeam.run(agent.id, teamId);
    },
    findAgent(id: string): AgentAccount | null {
      const row = sql.findAgent.get(id) as AgentRow | undefined;
      return row ? toAccount(row) : null;
    },
    /** Every tenant's agent with this email; one person may work for two tenants. */
    findAgentsByEmail(email: string): AgentAccount[] {
      return (sql.findAgentsByEmail.all(normalizeEmail(email)) as AgentRow[]).map(toAccount);
    },
    listTenantAgents(tenantId: string): AgentAccount[] {
      return (sql.listTenantAgents.all(tenantId) as AgentRow[]).map(toAccount);
    },
    /** The agents (not supervisors or admins) of one team, without reading the rest of the tenant. */
    listRoutable(tenantId: string, teamId: string): RoutableAgent[] {
      return (sql.listRoutable.all(teamId, tenantId) as RoutableRow[]).map(toRoutable);
    },
    listRoutableOfTeams(tenantId: string, teamIds: readonly string[]): TeamRoutableAgent[] {
      const rows = sql.listRoutableOfTeams.all(JSON.stringify(teamIds), tenantId) as (RoutableRow & { team_id: string })[];
      return rows.map((r) => ({ ...toRoutable(r), teamId: r.team_id }));
    },
    /** Every agent's chosen presence, for a client that just signed in; far cheaper than whole accounts. */
    listReadyOfTeams(tenantId: string, teamIds: readonly string[], kinds: readonly WorkKind[], alsoAgentIds: readonly string[]): ReadyAgent[] {
      const words = { teamIn: 'at.team_id IN (SELECT value FROM json_each(@teamIds))', tenant: '@tenantId', alsoIn: alsoAgentIds.length > 0 ? 'a.id IN (SELECT value FROM json_each(@also))' : null, order: 'team_id, id', combine: 'union' as const };
      const text = readyAgentsSql(kinds, words);
      if (text === null) return [];
      let statement = readyStatements.get(text);
      if (!statement) readyStatements.set(text, (statement = db.prepare(text)));
      const rows = statement.all({ tenantId, teamIds: JSON.stringify(teamIds), ...(words.alsoIn ? { also: JSON.stringify(alsoAgentIds) } : {}) }) as ReadyRow[];
      return rows.map(toReady);
    },
    listChosenPresences(tenantId: string): ChosenPresence[] {
      const rows = sql.listChosenPresences.all(tenantId) as Pick<AgentRow, 'id' | 'presence' | 'state_reason' | 'state_until'>[];
      return rows.map((r) => ({ agentId: r.id, chosenPresence: r.presence, presenceReason: r.state_reason, presenceUntil: r.state_until }));
    },
    /** A reason is kept for away only; an end time for after-call work only. */
    setChosenPresence(agentId: string, presence: SettablePresence, detail: { reason?: AwayReason | null; until?: number | null } = {}): void {
      const reason = presence === 'away' ? (detail.reason ?? null) : null;
      const until = presence === 'after-call-work' ? (detail.until ?? null) : null;
      sql.setPresence.run(presence === 'available' ? 'available' : 'away', presence, reason, until, agentId);
    },
    /** Agents whose timed state (after-call work) ended by `at`. */
    listStatesEnded(at: number): string[] {
      return sql.listStatesEnded.all(at) as string[];
    },
    markAssigned(agentId: string, at: number): void {
      sql.markAssigned.run(at, agentId);
    },
    setTeamSchedule(teamId: string, schedule: TeamSchedule | null, overflowTeamId: string | null): void {
      sql.setTeamSchedule.run(schedule ? JSON.stringify(schedule) : null, overflowTeamId, teamId);
    },
    /** The teams the agent works in, replacing the ones before. */
    setAgentTeams(agentId: string, teamIds: readonly string[]): void {
      sql.deleteAgentTeams.run(agentId);
      for (const teamId of teamIds) sql.insertAgentTeam.run(agentId, teamId);
    },
    /** How the agent is routed to; null while they take the defaults. */
    routingOf(agentId: string): RoutingProfile | null {
      const routing = sql.routingOf.get(agentId) as string | null | undefined;
      return routing ? RoutingProfile.parse(JSON.parse(routing)) : null;
    },
    /** An administrator's change of how the agent is routed to; applies to the next decision. */
    setRouting(agentId: string, routing: z.input<typeof RoutingProfile>): void {
      sql.setRouting.run(JSON.stringify(RoutingProfile.parse(routing)), agentId);
    },
    /** Conversations the agent holds that are not resolved, per kind of work. */
    openLoadByKind(agentId: string): Capacity {
      const load: Capacity = { call: 0, chat: 0, email: 0 };
      for (const row of sql.openLoadByChannel.all({ agentId }) as { channel: Channel; n: number }[]) load[workKindOf(row.channel)] += row.n;
      return load;
    },
    openLoadsByKind(agentIds: readonly string[]): Map<string, Capacity> {
      const loads = new Map(agentIds.map((id): [string, Capacity] => [id, { call: 0, chat: 0, email: 0 }]));
      for (const row of sql.openLoadsByChannel.all(JSON.stringify(agentIds)) as { agent_id: string; channel: Channel; n: number }[]) {
        const load = loads.get(row.agent_id);
        if (load) load[workKindOf(row.channel)] += row.n;
      }
      return loads;
    },
    insertToken(tokenHash: string, agentId: string, createdAt: number, expiresAt: number, scope: TokenScope = 'full'): void {
      sql.insertToken.run(tokenHash, agentId, createdAt, expiresAt, scope);
    },
    findToken(tokenHash: string): StoredToken | null {
      const row = sql.findToken.get(tokenHash) as { agent_id: string; expires_at: number; scope: TokenScope } | undefined;
      return row ? { agentId: row.agent_id, expiresAt: row.expires_at, scope: row.scope } : null;
    },
    setTokenScope(tokenHash: string, scope: TokenScope): void {
      sql.setTokenScope.run(scope, tokenHash);
    },
    deleteAgentTokens(agentId: string): string[] {
      return sql.deleteAgentTokens.all(agentId) as string[];
    },
    deleteToken(tokenHash: string): boolean {
      return sql.deleteToken.run(tokenHash).changes > 0;
    },
    deleteExpiredTokens(now: number): void {
      sql.deleteExpiredTokens.run(now);
    },
  };
}
