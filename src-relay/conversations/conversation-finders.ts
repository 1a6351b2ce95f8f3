import type { Agent, Conversation } from '../../src-shared/domain/model.js';
import type { ReplyBasis } from '../../src-shared/protocol/mutations/conversation-mutations.js';
import { canAct, viewerOf, type Viewer } from '../log/visibility.js';
import type { Refusal } from '../relay-rule.js';
import type { RelayRepositories } from '../storage/port/relay-storage.js';

/**
 * Finding the conversation a mutation names, and the refusals every conversation rule shares.
 * A refusal never tells more than the agent may see. Inside a commit, `store` is the commit's.
 */

export type Found = { ok: true; conversation: Conversation } | { ok: false; refusal: Refusal };

export async function findConversation(store: RelayRepositories, agent: Agent, conversationId: string): Promise<Found> {
  const conversation = await store.conversations.findConversation(agent.tenantId, conversationId);
  if (conversation) return { ok: true, conversation };
  if (await store.conversations.wasErased(agent.tenantId, conversationId)) {
    const message = "The customer's data was erased at their request; this conversation no longer exists.";
    return { ok: false, refusal: { code: 'not_found', message, reason: 'erased' } };
  }
  return { ok: false, refusal: NO_SUCH_CONVERSATION };
}

/**
 * What anyone is told of a conversation outside their teams: the same as of an id that was never
 * used, so naming ids cannot tell which exist in other teams, let alone who holds them.
 */
export const NO_SUCH_CONVERSATION: Refusal = { code: 'not_found', message: 'There is no such conversation.' };

/** The conversation, if it is in the agent's teams (any, for an admin). */
export async function findInScope(store: RelayRepositories, agent: Agent, conversationId: string): Promise<Found> {
  const found = await findConversation(store, agent, conversationId);
  if (!found.ok || inScope(viewerOf(agent), found.conversation)) return found;
  return { ok: false, refusal: NO_SUCH_CONVERSATION };
}

/** The conversation, if this agent may act on it now. */
export async function findActionable(store: RelayRepositories, agent: Agent, conversationId: string): Promise<Found> {
  const found = await findInScope(store, agent, conversationId);
  if (!found.ok || canAct(viewerOf(agent), found.conversation)) return found;
  return { ok: false, refusal: { code: 'forbidden', message: 'This conversation is handled by someone else.' } };
}

/**
 * What the agent saw when writing no longer holds: the conversation went to someone else, or was
 * resolved by someone else, meanwhile. The server's state wins; the agent decides what next.
 */
export async function basisConflict(store: RelayRepositories, agent: Agent, conversation: Conversation, basis: ReplyBasis | undefined): Promise<Refusal | null> {
  // Only a basis under which this agent could act is a conflict; anything else is plainly out of scope.
  // The basis is the client's word: it counts only within the agent's teams, or anyone could name
  // themselves in it and learn who holds any conversation.
  const viewer = viewerOf(agent);
  if (!basis || !inScope(viewer, conversation) || !canAct(viewer, { teamId: conversation.teamId, assigneeId: basis.assigneeId })) return null;
  const holder = conversation.assigneeId;
  if (holder !== null && holder !== agent.id && holder !== basis.assigneeId) {
    const otherAgentName = await agentName(store, holder);
    const reason = basis.assigneeId === null ? 'taken' : 'reassigned';
    return { code: 'conflict', reason, otherAgentName, message: `While you were writing, this conversation went to ${otherAgentName}.` };
  }
  if (conversation.status === 'resolved' && basis.status !== 'resolved') {
    return { code: 'conflict', reason: 'resolved', message: 'While you were writing, this conversation was resolved.' };
  }
  return null;
}

/** Whether the conversation is one this viewer could have held: in their teams' queue, or any for an admin. */
export function inScope(viewer: Viewer, conversation: Conversation): boolean {
  return canAct(viewer, { teamId: conversation.teamId, assigneeId: null });
}

export async function agentName(store: RelayRepositories, agentId: string): Promise<string> {
  return (await store.accounts.findAgent(agentId))?.agent.name ?? 'another agent';
}
