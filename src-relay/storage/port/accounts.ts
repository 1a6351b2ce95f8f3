import type { z } from 'zod';
import type { Agent, AwayReason, Role, SettablePresence, Team, TeamSchedule } from '../../../src-shared/domain/model.js';
import type { Capacity, RoutingProfile, WorkKind } from '../../../src-shared/domain/routing-score.js';
import type { MaskingPolicy } from '../../../src-shared/privacy/masking-policy.js';

/** An agent as the relay keeps it: the shared shape plus what never leaves the relay. */
export interface AgentAccount {
  agent: Agent;
  passwordHash: string;
  /** What the agent chose; effective presence is `offline` while they are not connected. */
  chosenPresence: SettablePresence;
  /** Why away, when the agent said. */
  presenceReason: AwayReason | null;
  /** When after-call work ends. */
  presenceUntil: number | null;
  lastAssignedAt: number;
}

/** What routing needs of one agent of a team; load is counted separately, only for those it could pick. */
export interface RoutableAgent {
  agentId: string;
  chosenPresence: SettablePresence;
  lastAssignedAt: number;
  language: string;
  routing: RoutingProfile | null;
}

/** A routable agent with one team they work in: an agent of two teams comes once for each. */
export interface TeamRoutableAgent extends RoutableAgent {
  teamId: string;
}

/** A routable agent with their load as stored (kept by the database as conversations change; what openLoadsByKind counts). */
export interface ReadyAgent extends TeamRoutableAgent {
  load: Capacity;
}

export interface ChosenPresence {
  agentId: string;
  chosenPresence: SettablePresence;
  presenceReason: AwayReason | null;
  presenceUntil: number | null;
}

export interface NewAgent {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
  language: string;
  passwordHash: string;
  chosenPresence: SettablePresence;
  teamIds: readonly string[];
  createdAt: number;
  routing?: RoutingProfile | null;
}

export interface Tenant {
  id: string;
  name: string;
}

/** `enrol`: an administrator whose company requires two-factor sign-in may only set it up. */
export type TokenScope = 'full' | 'enrol';

export interface StoredToken {
  agentId: string;
  expiresAt: number;
  scope: TokenScope;
}

/** Tenants, teams, agents (their teams, chosen presence, routing profile) and sign-in tokens. Emails compare without case. */
export interface AccountsRepository {
  insertTenant(tenant: Tenant, createdAt: number): Promise<void>;
  /** How long an agent has to accept an offer; null when conversations are assigned at once. */
  offerTimeoutMs(tenantId: string): Promise<number | null>;
  setOfferTimeoutMs(tenantId: string, ms: number | null): Promise<void>;
  /** The company's masking policy; null until an administrator chose one (the default applies). */
  maskingPolicy(tenantId: string): Promise<MaskingPolicy | null>;
  setMaskingPolicy(tenantId: string, policy: MaskingPolicy): Promise<void>;
  findTenant(id: string): Promise<Tenant | null>;
  /** Oldest first. */
  listTenants(): Promise<Tenant[]>;
  countTenants(): Promise<number>;
  insertTeam(tenantId: string, team: Team, position: number): Promise<void>;
  /** In routing order (position, then id): the first team takes languages no team serves. */
  listTeams(tenantId: string): Promise<Team[]>;
  /** Team ids are unique across companies. */
  teamExists(id: string): Promise<boolean>;
  insertAgent(agent: NewAgent): Promise<void>;
  findAgent(id: string): Promise<AgentAccount | null>;
  /** Every tenant's agent with this email; one person may work for two tenants. */
  findAgentsByEmail(email: string): Promise<AgentAccount[]>;
  /** In id order. */
  listTenantAgents(tenantId: string): Promise<AgentAccount[]>;
  /** The agents (not supervisors or admins) of one team, in id order, without reading the rest of the tenant. */
  listRoutable(tenantId: string, teamId: string): Promise<RoutableAgent[]>;
  /** `listRoutable` of several teams in one query (a queue drain): by team id, then agent id. */
  listRoutableOfTeams(tenantId: string, teamIds: readonly string[]): Promise<TeamRoutableAgent[]>;
  /**
   * What a routing decision can choose from: the agents of these teams (as listRoutableOfTeams)
   * who chose to be available and have room (load under their capacity) for one of `kinds`, and of
   * the available ones also `alsoAgentIds` whatever their room; by team id, then agent id. Only
   * an available agent with room can be given work, so the rest of a team of hundreds is not read.
   */
  listReadyOfTeams(tenantId: string, teamIds: readonly string[], kinds: readonly WorkKind[], alsoAgentIds: readonly string[]): Promise<ReadyAgent[]>;
  /** Every agent's chosen presence, in id order, for a client that just signed in; far cheaper than whole accounts. */
  listChosenPresences(tenantId: string): Promise<ChosenPresence[]>;
  /** A reason is kept for away only; an end time for after-call work only. */
  setChosenPresence(agentId: string, presence: SettablePresence, detail?: { reason?: AwayReason | null; until?: number | null }): Promise<void>;
  /** Agents whose timed state (after-call work) ended by `at`. */
  listStatesEnded(at: number): Promise<string[]>;
  markAssigned(agentId: string, at: number): Promise<void>;
  setTeamSchedule(teamId: string, schedule: TeamSchedule | null, overflowTeamId: string | null): Promise<void>;
  /** The teams the agent works in, replacing the ones before. */
  setAgentTeams(agentId: string, teamIds: readonly string[]): Promise<void>;
  /** How the agent is routed to; null while they take the defaults. */
  routingOf(agentId: string): Promise<RoutingProfile | null>;
  /** An administrator's change of how the agent is routed to; applies to the next decision. */
  setRouting(agentId: string, routing: z.input<typeof RoutingProfile>): Promise<void>;
  /** Conversations the agent holds or is offered that are not resolved, per kind of work. */
  openLoadByKind(agentId: string): Promise<Capacity>;
  /** `openLoadByKind` of several agents in one query (a queue drain); every agent asked about has an entry. */
  openLoadsByKind(agentIds: readonly string[]): Promise<Map<string, Capacity>>;
  insertToken(tokenHash: string, agentId: string, createdAt: number, expiresAt: number, scope?: TokenScope): Promise<void>;
  findToken(tokenHash: string): Promise<StoredToken | null>;
  setTokenScope(tokenHash: string, scope: TokenScope): Promise<void>;
  /** Revokes every token of the agent; returns their hashes, so connections signed in with them can be closed. */
  deleteAgentTokens(agentId: string): Promise<string[]>;
  /** False when there was no such token. */
  deleteToken(tokenHash: string): Promise<boolean>;
  deleteExpiredTokens(now: number): Promise<void>;
}
