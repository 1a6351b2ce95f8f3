import type { Conversation } from '../../src-shared/domain/model.js';
import { pickAssignee, type RoutingCandidate } from '../../src-shared/domain/routing.js';
import type { ChangeSet, Commit } from '../log/change-set.js';
import { isOpen } from '../../src-shared/domain/business-time.js';
import type { ConnectedAgents } from '../presence/connected-agents.js';
import type { RelayStore } from '../storage/relay-store.js';
import type { HolidayCalendars } from './holidays.js';
import { calendarOf } from './team-hours.js';

/** What routing reads: the stored agents, who is connected right now, and the calendars. */
export interface RoutingContext {
  store: RelayStore;
  connected: ConnectedAgents;
  holidays: HolidayCalendars;
}

/**
 * The team's agents (not supervisors or admins); load is read inside the transaction. One
 * indexed query: this runs for every new conversation and every queued one handed out, so it
 * must not list the whole tenant.
 */
export function routingCandidates({ store, connected }: RoutingContext, tenantId: string, teamId: string): RoutingCandidate[] {
  return store.accounts.listRoutable(tenantId, teamId).map((agent) => {
    const presence = connected.effective(agent.agentId, agent.chosenPresence);
    return {
      agentId: agent.agentId,
      presence,
      // Listed for this team only; their other teams play no part in this choice.
      teamIds: [teamId],
      // Only an available agent can be picked, so only theirs is worth counting.
      openLoad: presence === 'available' ? store.accounts.openLoad(agent.agentId) : 0,
      lastAssignedAt: agent.lastAssignedAt,
    };
  });
}

export function chooseAssignee(context: RoutingContext, tenantId: string, teamId: string): string | null {
  return pickAssignee(routingCandidates(context, tenantId, teamId), teamId);
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
 * Hands out the queued conversations of these teams, oldest first, one at a time by the same
 * rule as a new conversation, so load stays balanced among everyone available.
 */
export function drainQueue(context: RoutingContext, changes: ChangeSet, teamIds: readonly string[]): number {
  const working = openTeams(context, changes.tenantId, changes.at).filter((id) => teamIds.includes(id));
  if (working.length === 0) return 0;
  let assigned = 0;
  for (const conversation of context.store.conversations.listQueued(changes.tenantId, working)) {
    const assigneeId = chooseAssignee(context, changes.tenantId, conversation.teamId);
    if (assigneeId === null) continue;
    assign(context, changes, conversation, assigneeId);
    assigned += 1;
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
  const timer = setInterval(() => {
    try {
      for (const { id } of core.store.accounts.listTenants()) {
        core.commit(id, (changes) => drainQueue(core, changes, openTeams(core, id, changes.at)));
      }
    } catch (error) {
      core.reportError('queue draining', error);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
