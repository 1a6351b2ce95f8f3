import type { MutationOf } from '../../src-shared/protocol/mutations/index.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import type { Refusal, RuleContext } from '../relay-rule.js';
import { assign, inCommit, routed } from '../routing/assignment.js';
import { agentName, findActionable, findInScope } from './conversation-finders.js';

/** Who holds a conversation: taken from the queue, accepted or declined when offered, or given by a supervisor. */

/**
 * Takes a queued conversation. Pushes are applied one transaction at a time, so of several agents
 * racing for it the first to arrive wins and every later one is told who has it.
 */
export async function claim({ changes, agent }: RuleContext, mutation: MutationOf<'conversation.claim'>): Promise<Refusal | null> {
  // Out of scope first: who took it is only for those who could have taken it.
  const found = await findInScope(changes.store, agent, mutation.conversationId);
  if (!found.ok) return found.refusal;
  const conversation = found.conversation;
  if (conversation.assigneeId === agent.id) return null;
  if (conversation.assigneeId !== null) {
    const otherAgentName = await agentName(changes.store, conversation.assigneeId);
    return { code: 'conflict', reason: 'taken', otherAgentName, message: `${otherAgentName} took this conversation first.` };
  }
  if (conversation.status === 'resolved') {
    return { code: 'conflict', reason: 'resolved', message: 'This conversation was resolved before you took it.' };
  }
  await assign(changes, conversation, agent.id);
  return null;
}

/** The agent takes what was offered to them, while the offer holds. */
export async function acceptOffer({ changes, agent }: RuleContext, mutation: MutationOf<'conversation.accept'>): Promise<Refusal | null> {
  const found = await findInScope(changes.store, agent, mutation.conversationId);
  if (!found.ok) return found.refusal;
  const conversation = found.conversation;
  if (conversation.assigneeId === agent.id) return null;
  if (conversation.offer?.agentId !== agent.id) {
    return { code: 'conflict', reason: 'taken', message: 'This conversation is no longer offered to you.', otherAgentName: conversation.assigneeId ? await agentName(changes.store, conversation.assigneeId) : null };
  }
  if (conversation.offer.expiresAt <= changes.at) return { code: 'conflict', reason: 'lapsed', message: 'The offer ran out before you took it; it went to a colleague.' };
  await changes.changeConversation(conversation, { ...conversation, assigneeId: agent.id, offer: null, updatedAt: changes.at });
  await changes.store.accounts.markAssigned(agent.id, changes.at);
  return null;
}

/** The agent lets the offer go: it moves on at once, and is not offered to them again. */
export async function declineOffer({ core, changes, agent }: RuleContext, mutation: MutationOf<'conversation.decline'>): Promise<Refusal | null> {
  const found = await findInScope(changes.store, agent, mutation.conversationId);
  if (!found.ok) return found.refusal;
  const conversation = found.conversation;
  if (conversation.offer?.agentId !== agent.id) return null;
  await changes.store.conversations.addPassedOver(conversation.id, agent.id);
  const withdrawn = { ...conversation, offer: null };
  const next = await routed(inCommit(core, changes), agent.tenantId, withdrawn, changes.at);
  await changes.changeConversation(conversation, { ...next, updatedAt: changes.at });
  if (next.assigneeId !== null) await changes.store.accounts.markAssigned(next.assigneeId, changes.at);
  return null;
}

/** Supervisors steer their teams: give a conversation to a team member, take it over, or put it back in the queue. */
export async function reassign({ changes, agent }: RuleContext, mutation: MutationOf<'conversation.assign'>): Promise<Refusal | null> {
  if (agent.role === 'agent') return { code: 'forbidden', message: 'Only supervisors and administrators reassign conversations.' };
  const found = await findActionable(changes.store, agent, mutation.conversationId);
  if (!found.ok) return found.refusal;
  const conversation = found.conversation;
  if (conversation.assigneeId === mutation.assigneeId) return null;
  if (mutation.assigneeId !== null) {
    const assignee = (await changes.store.accounts.findAgent(mutation.assigneeId))?.agent;
    const fits = assignee && assignee.tenantId === agent.tenantId && (assignee.id === agent.id || assignee.teamIds.includes(conversation.teamId));
    if (!fits) return { code: 'invalid', message: 'Give it to someone of its team, or take it over yourself.' };
  }
  await assign(changes, conversation, mutation.assigneeId);
  // Supervisors taking over or moving someone's conversation are audited, in the same commit.
  const details = { from: conversation.assigneeId, to: mutation.assigneeId, takenOver: mutation.assigneeId === agent.id };
  await recordAudit(changes.store, agent.tenantId, changes.at, actorOf(agent, null), 'conversation.reassigned', { type: 'conversation', id: conversation.id }, details);
  return null;
}
