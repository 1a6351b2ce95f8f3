import { randomUUID } from 'node:crypto';
import type { LocalMessage } from '../../../src-shared/api/contract.js';
import { previewOf, type Agent, type Conversation, type Message, type MessageAttachment, type MessageOriginal } from '../../../src-shared/domain/model.js';
import type { MutationBody, MutationOf } from '../../../src-shared/protocol/mutations/index.js';
import type { Rejection } from '../../../src-shared/protocol/sync.js';
import type { TemplateChoice } from '../../../src-shared/domain/message-templates.js';
import type { EmailReply } from '../../../src-shared/domain/email-reply.js';
import type { ReplyFlagRecord } from '../../../src-shared/reply-checks/reply-flags.js';
import type { Cache } from '../../store/cache.js';
import type { ChangeSet } from '../change-set.js';
import type { ClientMutations, Settling } from './client-mutation.js';
import { addRefusalNotice, conflictNoticeKind } from './refusal-notices.js';

/**
 * An agent's reply or note (docs/architecture.md, "Sync protocol", step 1): written to the messages table and to the
 * outbox in one transaction, so a reply is never shown without being queued, nor queued without
 * being shown. It shows as pending until the log brings it back sent, or the relay refuses it.
 */

/**
 * The reply carries what the agent saw when writing it (assignee and status), so the relay can
 * refuse it if the conversation changed hands or was resolved meanwhile instead of sending it blind.
 */
export function recordReply(
  cache: Cache,
  author: Agent,
  conversation: Conversation,
  reply: { body: string; original: MessageOriginal | null; template?: TemplateChoice | undefined; attachments?: MessageAttachment[] | undefined; email?: EmailReply | undefined; flags?: ReplyFlagRecord[] },
  now: number,
): LocalMessage {
  const files = reply.attachments?.length ? { attachments: reply.attachments } : {};
  const message = { ...agentMessage(author, conversation, reply.body, now, false), original: reply.original, ...files };
  return recordMessage(cache, message, now, replyMutation(message, conversation, reply.template, reply.email, reply.flags), reply.template, reply.email);
}

function replyMutation(message: Message, conversation: Conversation, template?: TemplateChoice, email?: EmailReply, flags?: ReplyFlagRecord[]): MutationBody {
  const { id: messageId, conversationId, body, original, attachments } = message;
  const basis = { assigneeId: conversation.assigneeId, status: conversation.status };
  return {
    kind: 'reply.send',
    conversationId,
    messageId,
    body,
    basis,
    ...(original ? { original } : {}),
    ...(template ? { template } : {}),
    ...(attachments?.length ? { attachments } : {}),
    ...(email ? { email } : {}),
    ...(flags?.length ? { flags } : {}),
  };
}

/** A note for colleagues; it never reaches the customer and does not move the conversation up the list. */
export function recordNote(cache: Cache, author: Agent, conversation: Conversation, note: { body: string; mentions: string[] }, now: number): LocalMessage {
  const message = agentMessage(author, conversation, note.body, now, true);
  const mentions = note.mentions.length > 0 ? { mentions: note.mentions } : {};
  return recordMessage(cache, message, now, { kind: 'note.add', conversationId: conversation.id, messageId: message.id, body: note.body, ...mentions });
}

/**
 * A refused reply is queued again under its own id, so the relay still stores it at most once.
 * Its basis is the conversation as it is now: the agent has seen what changed and chose to send.
 * A template reply goes again as the same template (its text alone would be refused after the window).
 */
export function recordRetry(cache: Cache, message: LocalMessage, conversation: Conversation, now: number): boolean {
  const { id: messageId, conversationId, body } = message;
  const template = cache.messages.replyTemplate(messageId) ?? undefined;
  const email = cache.messages.replyEmail(messageId) ?? undefined;
  const mutation: MutationBody = message.internal ? { kind: 'note.add', conversationId, messageId, body } : replyMutation(message, conversation, template, email);
  return cache.transaction(() => {
    if (!cache.messages.markPendingAgain(message.id)) return false;
    cache.outbox.enqueue(mutation, now);
    return true;
  });
}

export function agentMessage(author: Agent, conversation: Conversation, body: string, now: number, internal: boolean): Message {
  return {
    id: randomUUID(),
    conversationId: conversation.id,
    author: 'agent',
    authorId: author.id,
    authorName: author.name,
    body,
    // Never before what the agent was answering, even if this machine's clock runs behind the relay's.
    createdAt: Math.max(now, conversation.lastMessageAt),
    internal,
  };
}

/** The message shown as pending and its mutation queued, in one transaction. */
export function recordMessage(cache: Cache, message: Message, now: number, mutation: MutationBody, template?: TemplateChoice, email?: EmailReply): LocalMessage {
  cache.transaction(() => {
    cache.messages.insertPending(message, template, email);
    if (!message.internal) cache.conversations.noteLocalMessage(message.conversationId, message.createdAt, previewOf(message.body), now);
    cache.outbox.enqueue(mutation, now);
  });
  return { ...message, delivery: 'pending', deliveryError: null };
}

/** The message stays in the thread as not delivered, with why, for the agent to send again, copy or discard. */
export function failMessage(cache: Cache, messageId: string, reason: string, changes: ChangeSet): void {
  const failed = cache.messages.markFailed(messageId, reason);
  if (failed) changes.message(failed.conversationId, failed.id);
}

function refusedMessage(settling: Settling, mutation: MutationOf<AgentMessageKind>, rejection: Rejection, now: number): void {
  failMessage(settling.cache, mutation.messageId, rejection.message, settling.changes);
  const kind = conflictNoticeKind(rejection.reason, 'reply-not-sent');
  addRefusalNotice(settling, { conversationId: mutation.conversationId, messageId: mutation.messageId, kind }, rejection, now);
}

export type AgentMessageKind = 'reply.send' | 'note.add';

export const agentMessageMutations: ClientMutations<AgentMessageKind> = {
  'reply.send': {
    refused: refusedMessage,
    // Sent replies come back through the log; after a lost ack, one that never does was refused.
    awaitedMessageId: (reply) => reply.messageId,
  },
  'note.add': { refused: refusedMessage },
};
