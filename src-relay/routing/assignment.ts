import type { Conversation } from '../../src-shared/domain/model.js';
import { pickAssignee, type RoutingCandidate } from '../../src-shared/domain/routing.js';
import type { ChangeSet } from '../log/change-set.js';
import type { ConnectedAgents } from '../presence/connected-agents.js';
import type { RelayStore } from '../storage/relay-store.js';

/** What routing reads: the stored agents and who is connected right now. */
export interface RoutingContext {
  store: RelayStore;
  connected: ConnectedAgents;
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
  let assigned = 0;
  for (const conversation of context.store.conversations.listQueued(changes.tenantId, teamIds)) {
    const assigneeId = chooseAssignee(context, changes.tenantId, conversation.teamId);
    if (assigneeId === null) continue;
    assign(context, changes, conversation, assigneeId);
    assigned += 1;
  }
  return assigned;
}
