import type { MutationOf } from '../../src-shared/protocol/mutations/index.js';
import type { Refusal, RuleContext } from '../relay-rule.js';
import { drainQueue } from '../routing/assignment.js';
import { slaOnStatus } from '../routing/sla-clocks.js';
import { findActionable, findInScope } from './conversation-finders.js';

/** Status, labels and routing signals: what a conversation is, as opposed to who holds it. */

export async function setStatus({ core, changes, agent }: RuleContext, mutation: MutationOf<'conversation.setStatus'>): Promise<Refusal | null> {
  const found = await findActionable(changes.store, agent, mutation.conversationId);
  if (!found.ok) return found.refusal;
  const conversation = found.conversation;
  if (conversation.status !== mutation.status) {
    await changes.changeConversation(conversation, { ...conversation, status: mutation.status, updatedAt: changes.at, sla: slaOnStatus(conversation.sla, mutation.status) });
    // A resolved conversation frees room: whoever waits in the team's queue may be handed out now.
    if (mutation.status === 'resolved') await drainQueue(core, changes, [conversation.teamId]);
  }
  return null;
}

/** Labels are the team's: whoever may act on the conversation sets them, last write wins. */
export async function setLabels({ changes, agent }: RuleContext, mutation: MutationOf<'conversation.setLabels'>): Promise<Refusal | null> {
  const found = await findActionable(changes.store, agent, mutation.conversationId);
  if (!found.ok) return found.refusal;
  const conversation = found.conversation;
  const labels = [...new Set(mutation.labels)];
  if (JSON.stringify(conversation.labels ?? []) !== JSON.stringify(labels)) {
    await changes.changeConversation(conversation, { ...conversation, labels, updatedAt: changes.at });
  }
  return null;
}

/** Any desk that can see the conversation may tell what its models found; only a change is logged. */
export async function signal({ changes, agent }: RuleContext, mutation: MutationOf<'conversation.signal'>): Promise<Refusal | null> {
  const found = await findInScope(changes.store, agent, mutation.conversationId);
  if (!found.ok) return found.refusal;
  const conversation = found.conversation;
  if ((conversation.intent ?? null) === mutation.intent && (conversation.upset ?? false) === mutation.upset) return null;
  await changes.changeConversation(conversation, { ...conversation, intent: mutation.intent, upset: mutation.upset, updatedAt: changes.at });
  return null;
}
