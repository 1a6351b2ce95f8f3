import { previewOf, type Agent, type MessageOriginal } from '../../src-shared/domain/model.js';
import type { MutationOf } from '../../src-shared/protocol/mutations/index.js';
import type { Refusal, RuleContext } from '../relay-rule.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import type { ChangeSet } from '../log/change-set.js';
import { slaOnReply } from '../routing/sla-clocks.js';
import type { RelayRepositories } from '../storage/port/relay-storage.js';
import { channelRouteOf, queueChannelSend, queuedDelivery } from './channel-replies.js';
import { basisConflict, findActionable, findConversation } from './conversation-finders.js';
import { checkEmailReply, routeOfEmailReply, storeEmailReply, withForwardedFiles } from './email-replies.js';
import { shareAttachments, tenantAttachments, withAttachments } from './message-files.js';

/** Stores the reply under the client's message id; replying to an unassigned conversation takes it. */
export async function sendReply({ changes, agent }: RuleContext, reply: MutationOf<'reply.send'>): Promise<Refusal | null> {
  const repeat = await repeatedMessage(changes.store, agent, reply);
  if (repeat !== undefined) return repeat;
  const found = await findConversation(changes.store, agent, reply.conversationId);
  if (!found.ok) return found.refusal;
  const conflict = await basisConflict(changes.store, agent, found.conversation, reply.basis);
  if (conflict) return conflict;
  const actionable = await findActionable(changes.store, agent, reply.conversationId);
  if (!actionable.ok) return actionable.refusal;
  const conversation = actionable.conversation;
  // A messaging app's rules (its reply window, its length limit) refuse before anything is written.
  const channel = await channelRouteOf(changes, conversation, reply.body, reply.template);
  if (!channel.ok) return channel.refusal;
  const email = await checkEmailReply(changes, conversation, reply.email);
  if (!email.ok) return email.refusal;
  const own = await tenantAttachments(changes.store, agent.tenantId, reply.attachments);
  if (!own.ok) return { code: 'not_found', message: own.message };
  const attachments = withForwardedFiles(own.attachments, email.forwardedFiles);
  const takes = conversation.assigneeId === null;
  const next = {
    ...conversation,
    assigneeId: takes ? agent.id : conversation.assigneeId,
    lastMessageAt: changes.at,
    lastMessagePreview: previewOf(reply.body),
    updatedAt: changes.at,
    // A forward goes to someone else: the customer is still waiting for an answer.
    sla: reply.email?.forward ? conversation.sla : slaOnReply(conversation.sla, changes.at),
  };
  await changes.changeConversation(conversation, next);
  if (takes) await changes.store.accounts.markAssigned(agent.id, changes.at);
  const message = { ...agentMessage(agent, reply, changes.at, false), ...withAttachments(attachments) };
  await shareAttachments(changes.store, agent.tenantId, conversation.id, own.attachments);
  await recordReplyFlags(changes, agent, reply);
  if (!channel.route) {
    await changes.addMessage(message, next, null);
    return null;
  }
  await changes.addMessage({ ...message, channelDelivery: queuedDelivery(changes.at) }, next, null);
  await storeEmailReply(changes, message.id, conversation.id, reply.email);
  await queueChannelSend(changes, routeOfEmailReply(channel.route, reply.email), message.id, reply.template);
  return null;
}

/**
 * The company's reply rules that flagged this reply on the desk (docs/privacy.md, "Reply checks"):
 * one audit entry each, in the reply's transaction, naming the rule and whether the agent sent it
 * anyway. The supervisors' live board reads them back from the log.
 */
async function recordReplyFlags(changes: ChangeSet, agent: Agent, reply: MutationOf<'reply.send'>): Promise<void> {
  for (const flag of reply.flags ?? []) {
    const details = { messageId: reply.messageId, ruleId: flag.ruleId, ruleAction: flag.action, overridden: flag.overridden };
    await recordAudit(changes.store, agent.tenantId, changes.at, actorOf(agent, null), 'reply.flagged', { type: 'conversation', id: reply.conversationId }, details);
  }
}

/** A note changes nothing about the conversation: it is for colleagues, never the customer. */
export async function addNote({ changes, agent }: RuleContext, note: MutationOf<'note.add'>): Promise<Refusal | null> {
  const repeat = await repeatedMessage(changes.store, agent, note);
  if (repeat !== undefined) return repeat;
  const found = await findActionable(changes.store, agent, note.conversationId);
  if (!found.ok) return found.refusal;
  const message = agentMessage(agent, note, changes.at, true);
  await changes.addMessage(message, found.conversation, null);
  for (const colleagueId of await mentionable(changes.store, agent, note.mentions ?? [])) await changes.mention(colleagueId, message, found.conversation);
  return null;
}

/** Colleagues of the author's tenant, each once; naming oneself or a stranger notifies no one. */
async function mentionable(store: RelayRepositories, author: Agent, ids: readonly string[]): Promise<string[]> {
  const colleagues: string[] = [];
  for (const id of new Set(ids)) {
    if (id !== author.id && (await store.accounts.findAgent(id))?.agent.tenantId === author.tenantId) colleagues.push(id);
  }
  return colleagues;
}

/** undefined: a new message id. null: this very message was stored already (a retried push). */
export async function repeatedMessage(store: RelayRepositories, agent: Agent, write: { messageId: string; conversationId: string }): Promise<Refusal | null | undefined> {
  const existing = await store.conversations.findMessage(write.messageId);
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
