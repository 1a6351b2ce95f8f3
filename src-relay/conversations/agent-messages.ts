import { previewOf, type Agent, type MessageOriginal } from '../../src-shared/domain/model.js';
import type { MutationOf } from '../../src-shared/protocol/mutations/index.js';
import type { RelayCore } from '../relay-core.js';
import type { Refusal, RuleContext } from '../relay-rule.js';
import { slaOnReply } from '../routing/sla-clocks.js';
import { basisConflict, findActionable, findConversation } from './conversation-finders.js';

/** Stores the reply under the client's message id; replying to an unassigned conversation takes it. */
export function sendReply({ core, changes, agent }: RuleContext, reply: MutationOf<'reply.send'>): Refusal | null {
  const repeat = repeatedMessage(core, agent, reply);
  if (repeat !== undefined) return repeat;
  const found = findConversation(core, agent, reply.conversationId);
  if (!found.ok) return found.refusal;
  const conflict = basisConflict(core, agent, found.conversation, reply.basis);
  if (conflict) return conflict;
  const actionable = findActionable(core, agent, reply.conversationId);
  if (!actionable.ok) return actionable.refusal;
  const conversation = actionable.conversation;
  const takes = conversation.assigneeId === null;
  const next = {
    ...conversation,
    assigneeId: takes ? agent.id : conversation.assigneeId,
    lastMessageAt: changes.at,
    lastMessagePreview: previewOf(reply.body),
    updatedAt: changes.at,
    sla: slaOnReply(conversation.sla, changes.at),
  };
  changes.changeConversation(conversation, next);
  if (takes) core.store.accounts.markAssigned(agent.id, changes.at);
  changes.addMessage(agentMessage(agent, reply, changes.at, false), next, null);
  return null;
}

/** A note changes nothing about the conversation: it is for colleagues, never the customer. */
export function addNote({ core, changes, agent }: RuleContext, note: MutationOf<'note.add'>): Refusal | null {
  const repeat = repeatedMessage(core, agent, note);
  if (repeat !== undefined) return repeat;
  const found = findActionable(core, agent, note.conversationId);
  if (!found.ok) return found.refusal;
  const message = agentMessage(agent, note, changes.at, true);
  changes.addMessage(message, found.conversation, null);
  for (const colleagueId of mentionable(core, agent, note.mentions ?? [])) changes.mention(colleagueId, message, found.conversation);
  return null;
}

/** Colleagues of the author's tenant, each once; naming oneself or a stranger notifies no one. */
function mentionable(core: RelayCore, author: Agent, ids: readonly string[]): string[] {
  return [...new Set(ids)].filter((id) => id !== author.id && core.store.accounts.findAgent(id)?.agent.tenantId === author.tenantId);
}

/** undefined: a new message id. null: this very message was stored already (a retried push). */
export function repeatedMessage(core: RelayCore, agent: Agent, write: { messageId: string; conversationId: string }): Refusal | null | undefined {
  const existing = core.store.conversations.findMessage(write.messageId);
  if (!existing) return undefined;
  const same = existing.message.conversationId === write.conversationId && existing.message.authorId === agent.id;
  return same ? null : { code: 'conflict', message: 'This message id is already used by another message.' };
}

/** The message an agent wrote, under the id their desk chose. */
export function agentMessage(
  agent: Agent,
  write: { messageId: string; conversationId: string; body: string; original?: MessageOriginal },
  at: number,
  internal: boolean,
) {
  return {
    id: write.messageId,
    conversationId: write.conversationId,
    author: 'agent' as const,
    authorId: agent.id,
    authorName: agent.name,
    body: write.body,
    createdAt: at,
    internal,
    original: write.original ?? null,
  };
}
