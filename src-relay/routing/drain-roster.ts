import type { Conversation } from '../../src-shared/domain/model.js';
import { bestAgentFor, canTake, DEFAULT_CAPACITY, servedLanguages, WORK_KINDS, workKindOf, type AgentState, type Capacity, type RoutingAgent, type WaitingConversation, type WorkKind } from '../../src-shared/domain/routing-score.js';
import type { RoutableAgent } from '../storage/port/accounts.js';
import type { RelayRepositories } from '../storage/port/relay-storage.js';
import type { DeskPresence } from '../presence/connected-agents.js';
import type { TranslationRoute } from '../../src-shared/domain/translation-routes.js';

/**
 * An agent as routing sees them: the administrator's profile, or the defaults, and what their
 * desk reported it can translate (nothing while they are offline, or when the profile says no).
 */
export function routingAgentOf(agent: RoutableAgent, state: AgentState, load: Capacity, translation: readonly TranslationRoute[]): RoutingAgent {
  const profile = agent.routing;
  return {
    id: agent.agentId,
    state,
    languages: profile?.languages ?? [agent.language],
    translation: profile?.translates === false ? [] : translation,
    skills: profile?.skills ?? [],
    capacity: profile?.capacity ?? DEFAULT_CAPACITY,
    load,
    idleSince: agent.lastAssignedAt,
  };
}

/**
 * What one queue drain decides with, read in a few set-based queries instead of several per queued
 * conversation: the teams' agents who could be given work (available, with room by their stored
 * loads), and the tenant's offer timeout; who let offers pass is noted page by page of the queue.
 * Agents who are not available, or full, cannot be picked and are not read. Each decision is then
 * made in memory by the same rule as a new conversation's, and what the drain writes is counted in
 * (`record`), so the next decision sees the loads and idle times the database would now answer.
 */
export class DrainRoster {
  private readonly passedOver = new Map<string, ReadonlySet<string>>();
  /** servedLanguages per agent, worked out once a drain: an agent of several teams is asked for each team and kind. */
  private readonly served = new Map<string, ReadonlySet<string>>();

  private constructor(
    /** Each team's agents; an agent of two teams is one object in both, so their load is shared. */
    private readonly teams: ReadonlyMap<string, readonly RoutingAgent[]>,
    private readonly agents: ReadonlyMap<string, RoutingAgent>,
    /** How long an agent has to accept an offer; null when conversations are assigned at once. */
    readonly offerTimeoutMs: number | null,
    /** Agents whose offer lapsed: the only ones whose room a drain can free (record). */
    private readonly lapsed: ReadonlySet<string>,
  ) {}

  /** The teams' agents who could be given one of `kinds` of work now (kindsWaiting: what someone waits for). */
  static async load(store: RelayRepositories, connected: DeskPresence, tenantId: string, teamIds: readonly string[], kinds: readonly WorkKind[], at: number): Promise<DrainRoster> {
    // A lapsed offer routed by the drain frees its agent's room (record), so they are read whatever their room now.
    const lapsed = (await store.conversations.listOffersLapsed(tenantId, at)).flatMap(({ offer }) => (offer ? [offer.agentId] : []));
    const agents = new Map<string, RoutingAgent>();
    const teams = new Map<string, RoutingAgent[]>();
    for (const member of await store.accounts.listReadyOfTeams(tenantId, teamIds, kinds, lapsed)) {
      let agent = agents.get(member.agentId);
      if (!agent) agents.set(member.agentId, (agent = routingAgentOf(member, connected.effective(member.agentId, member.chosenPresence), member.load, connected.translationOf(member.agentId))));
      teams.set(member.teamId, [...(teams.get(member.teamId) ?? []), agent]);
    }
    // With nobody to give work to, nothing else is worth reading.
    const offerTimeoutMs = [...agents.values()].some((agent) => agent.state === 'available') ? await store.accounts.offerTimeoutMs(tenantId) : null;
    return new DrainRoster(teams, agents, offerTimeoutMs, new Set(lapsed));
  }

  /**
   * The languages (primary subtags) of the team's queue of this kind of work that anyone could be
   * given in this drain: those its available agents with room serve, and those whose room the
   * drain may free (a lapsed offer). Decisions only fill agents up otherwise, so a conversation in
   * any other language would be passed by every one of them, and need not be read.
   */
  languagesFor(teamId: string, kind: WorkKind): Set<string> {
    const languages = new Set<string>();
    for (const agent of this.teams.get(teamId) ?? []) {
      if (agent.state !== 'available' || !(canTake(agent, kind) || this.lapsed.has(agent.id))) continue;
      let served = this.served.get(agent.id);
      if (!served) this.served.set(agent.id, (served = servedLanguages(agent)));
      for (const language of served) languages.add(language);
    }
    return languages;
  }

  /** Who let offers of these queued conversations pass (`passedOverOf`), before any of them is decided. */
  notePassedOver(passed: ReadonlyMap<string, readonly string[]>): void {
    for (const [id, agentIds] of passed) this.passedOver.set(id, new Set(agentIds));
  }

  /** The kinds of work some agent could be given now; the queue of the others need not be read. */
  kindsWithRoom(): Set<WorkKind> {
    const kinds = new Set<WorkKind>();
    for (const agent of this.agents.values()) for (const kind of WORK_KINDS) if (canTake(agent, kind)) kinds.add(kind);
    return kinds;
  }

  /** The agent of the conversation's team to route it to now, leaving out who let an offer of it pass; null if no one can take it. */
  assigneeFor(waiting: WaitingConversation, teamId: string): string | null {
    return bestAgentFor(waiting, this.teams.get(teamId) ?? [], this.passedOver.get(waiting.id))?.id ?? null;
  }

  /** Counts a change the drain wrote: the room it holds moves from its previous holders to its new ones, and an assignee's idle time restarts. */
  record(previous: Conversation, next: Conversation, at: number): void {
    const kind = workKindOf(previous.channel);
    for (const agentId of holdersOf(previous)) this.addLoad(agentId, kind, -1);
    for (const agentId of holdersOf(next)) this.addLoad(agentId, kind, 1);
    const assignee = next.assigneeId === null ? undefined : this.agents.get(next.assigneeId);
    if (assignee) assignee.idleSince = at;
  }

  private addLoad(agentId: string, kind: keyof Capacity, change: number): void {
    const agent = this.agents.get(agentId);
    // Loads were read for available agents only; the others cannot be picked whatever they hold.
    if (agent?.state === 'available') agent.load = { ...agent.load, [kind]: agent.load[kind] + change };
  }
}

/** Whom an unresolved conversation counts against (`openLoadByKind`): its assignee and whoever it is offered to, once each. */
function holdersOf(conversation: Conversation): Set<string> {
  const holders = new Set<string>();
  if (conversation.status === 'resolved') return holders;
  if (conversation.assigneeId !== null) holders.add(conversation.assigneeId);
  if (conversation.offer) holders.add(conversation.offer.agentId);
  return holders;
}
