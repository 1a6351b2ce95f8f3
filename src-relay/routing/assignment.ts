import type { Conversation } from '../../src-shared/domain/model.js';
import { bestAgentFor, compareWaiting, DEFAULT_CAPACITY, workKindOf, type RoutingAgent, type WaitingConversation } from '../../src-shared/domain/routing-score.js';
import { nextCheckAt } from '../../src-shared/domain/sla.js';
import type { ChangeSet, Commit } from '../log/change-set.js';
import { isOpen } from '../../src-shared/domain/business-time.js';
import type { RelayCore } from '../relay-core.js';
import { calendarOf } from './team-hours.js';

/** Where a conversation without an SLA stands in the queue: as if due a day after it came. */
const NO_SLA_DUE_MS = 24 * 60 * 60_000;

/** What routing reads: the stored agents, who is connected right now, and the calendars. */
export type RoutingContext = Pick<RelayCore, 'store' | 'connected' | 'holidays'>;

/**
 * The team's agents (not supervisors or admins) as routing sees them; load is read inside the
 * transaction. One indexed query: this runs for every new conversation and every queued one
 * handed out, so it must not list the whole tenant.
 */
export function routingCandidates({ store, connected }: RoutingContext, tenantId: string, teamId: string): RoutingAgent[] {
  return store.accounts.listRoutable(tenantId, teamId).map((agent) => {
    const state = connected.effective(agent.agentId, agent.chosenPresence);
    const profile = agent.routing;
    return {
      id: agent.agentId,
      state,
      languages: profile?.languages ?? [agent.language],
      translates: profile?.translates ?? true,
      skills: profile?.skills ?? [],
      capacity: profile?.capacity ?? DEFAULT_CAPACITY,
      // Only an available agent can be picked, so only theirs is worth counting.
      load: state === 'available' ? store.accounts.openLoadByKind(agent.agentId) : { call: 0, chat: 0, email: 0 },
      idleSince: agent.lastAssignedAt,
    };
  });
}

/** A conversation as the queue orders it: by its next SLA due time (a day out without one), VIP first. */
export function waitingOf(conversation: Conversation): WaitingConversation {
  return {
    id: conversation.id,
    language: conversation.language,
    // Worked out on a desk that can see the conversation (conversation.signal).
    skill: conversation.intent ?? null,
    kind: workKindOf(conversation.channel),
    dueAt: nextCheckAt(conversation.sla) ?? conversation.createdAt + NO_SLA_DUE_MS,
    vip: conversation.vip ?? false,
    upset: conversation.upset ?? false,
    enqueuedAt: conversation.createdAt,
  };
}

/**
 * The agent of the conversation's team to give it to: language, skill, then longest idle, leaving
 * out who let an offer of it pass; null if no one can take it now.
 */
export function chooseAssignee(context: RoutingContext, tenantId: string, conversation: Conversation): string | null {
  const passed = new Set(context.store.conversations.passedOver(conversation.id));
  return bestAgentFor(waitingOf(conversation), routingCandidates(context, tenantId, conversation.teamId), passed)?.id ?? null;
}

/**
 * The conversation as routing leaves it: offered to the best agent now (tenants with offers), or
 * given to them at once, or unchanged when no one can take it. Nothing is written here.
 */
export function routed(context: RoutingContext, tenantId: string, conversation: Conversation, at: number): Conversation {
  const agentId = chooseAssignee(context, tenantId, conversation);
  if (agentId === null) return conversation;
  const timeout = context.store.accounts.offerTimeoutMs(tenantId);
  if (timeout === null) return { ...conversation, assigneeId: agentId, offer: null };
  return { ...conversation, offer: { agentId, expiresAt: at + timeout } };
}

/** Writes what `routed` decided for a stored conversation; true if it changed. */
function route(context: RoutingContext, changes: ChangeSet, conversation: Conversation): boolean {
  const next = routed(context, changes.tenantId, conversation, changes.at);
  if (next === conversation) return false;
  changes.changeConversation(conversation, { ...next, updatedAt: changes.at });
  if (next.assigneeId !== null) context.store.accounts.markAssigned(next.assigneeId, changes.at);
  return true;
}

/** Offers nobody took in time move on to the next agent; the one who let it lapse is not asked again. */
export function moveLapsedOffers(context: RoutingContext, changes: ChangeSet): number {
  let moved = 0;
  for (const conversation of context.store.conversations.listOffersLapsed(changes.tenantId, changes.at)) {
    if (conversation.offer) context.store.conversations.addPassedOver(conversation.id, conversation.offer.agentId);
    const withdrawn = { ...conversation, offer: null };
    if (!route(context, changes, withdrawn)) changes.changeConversation(conversation, { ...withdrawn, updatedAt: changes.at });
    moved += 1;
  }
  return moved;
}

/** Gives a conversation to an agent (or back to its team queue with null) and logs it. */
export function assign(
  context: RoutingContext,
  changes: ChangeSet,
  conversation: Conversation,
  assigneeId: string | null,
): Conversation {
  const next = { ...conversation, assigneeId, updatedAt: changes.at };
  changes.changeConversation(conversation, next);
  if (assigneeId !== null) context.store.accounts.markAssigned(assigneeId, changes.at);
  return next;
}

/**
 * Hands out the queued conversations of these teams, most urgent first, one at a time by the
 * same rule as a new conversation, until no one has room.
 */
export function drainQueue(context: RoutingContext, changes: ChangeSet, teamIds: readonly string[]): number {
  const working = openTeams(context, changes.tenantId, changes.at).filter((id) => teamIds.includes(id));
  if (working.length === 0) return 0;
  let assigned = 0;
  const queued = context.store.conversations.listQueued(changes.tenantId, working);
  queued.sort((a, b) => compareWaiting(waitingOf(a), waitingOf(b)));
  for (const conversation of queued) {
    // An offer still open waits for its agent's answer.
    if (conversation.offer && conversation.offer.expiresAt > changes.at) continue;
    if (route(context, changes, conversation)) assigned += 1;
  }
  return assigned;
}

/** Teams of the tenant working at `at`; a closed team's queue waits for its opening even with agents online. */
export function openTeams(context: RoutingContext, tenantId: string, at: number): string[] {
  return context.store.accounts
    .listTeams(tenantId)
    .filter((team) => {
      const calendar = calendarOf(team.schedule, context.holidays);
      return calendar === null || isOpen(calendar, at);
    })
    .map((team) => team.id);
}

/** Every minute, the queues of the teams that are working are handed out: a team that just opened starts on what waited. */
export function scheduleQueueDraining(core: RoutingContext & { commit: Commit; reportError(where: string, error: unknown): void }, intervalMs = 60_000): () => void {
  return everyTenant(core, intervalMs, 'queue draining', (id, changes) => drainQueue(core, changes, openTeams(core, id, changes.at)));
}

/** Every couple of seconds, lapsed offers move on. */
export function scheduleOfferExpiry(core: RoutingContext & { commit: Commit; reportError(where: string, error: unknown): void }, intervalMs = 2_000): () => void {
  return everyTenant(core, intervalMs, 'offer expiry', (_id, changes) => moveLapsedOffers(core, changes));
}

function everyTenant(
  core: RoutingContext & { commit: Commit; reportError(where: string, error: unknown): void },
  intervalMs: number,
  what: string,
  work: (tenantId: string, changes: ChangeSet) => unknown,
): () => void {
  const timer = setInterval(() => {
    try {
      for (const { id } of core.store.accounts.listTenants()) core.commit(id, (changes) => work(id, changes));
    } catch (error) {
      core.reportError(what, error);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
