import { randomUUID } from 'node:crypto';
import type { LocalMessage } from '../../src-shared/api/contract.js';
import { previewOf, type Agent, type Conversation, type ConversationStatus, type ArticleDraft, type Message, type MessageOriginal, type SettablePresence, type AwayReason, type CallSummary } from '../../src-shared/domain/model.js';
import type { MutationBody } from '../../src-shared/protocol/sync.js';
import type { Cache } from '../store/cache.js';

/**
 * Local changes (DESIGN.md sync step 1): each is written to its table and to the outbox in one
 * transaction, so a reply is never shown without being queued, nor queued without being shown.
 */

/**
 * The reply carries what the agent saw when writing it (assignee and status), so the relay can
 * refuse it if the conversation changed hands or was resolved meanwhile instead of sending it blind.
 */
export function recordReply(
  cache: Cache,
  author: Agent,
  conversation: Conversation,
  reply: { body: string; original: MessageOriginal | null },
  now: number,
): LocalMessage {
  const message = { ...agentMessage(author, conversation, reply.body, now, false), original: reply.original };
  return recordMessage(cache, message, now, replyMutation(message, conversation));
}

function replyMutation(message: Message, conversation: Conversation): MutationBody {
  const { id: messageId, conversationId, body, original } = message;
  const basis = { assigneeId: conversation.assigneeId, status: conversation.status };
  return { kind: 'reply.send', conversationId, messageId, body, basis, ...(original ? { original } : {}) };
}

/** A note for colleagues; it never reaches the customer and does not move the conversation up the list. */
export function recordNote(cache: Cache, author: Agent, conversation: Conversation, note: { body: string; mentions: string[] }, now: number): LocalMessage {
  const message = agentMessage(author, conversation, note.body, now, true);
  const mentions = note.mentions.length > 0 ? { mentions: note.mentions } : {};
  return recordMessage(cache, message, now, { kind: 'note.add', conversationId: conversation.id, messageId: message.id, body: note.body, ...mentions });
}

/** A finished call with the agent's wrap-up, as an internal entry in the timeline. */
export function recordCall(cache: Cache, author: Agent, conversation: Conversation, call: CallSummary, body: string, now: number): LocalMessage {
  const message = { ...agentMessage(author, conversation, body, now, true), call };
  return recordMessage(cache, message, now, { kind: 'call.log', conversationId: conversation.id, messageId: message.id, call, body });
}

function agentMessage(author: Agent, conversation: Conversation, body: string, now: number, internal: boolean): Message {
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

function recordMessage(cache: Cache, message: Message, now: number, mutation: MutationBody): LocalMessage {
  cache.transaction(() => {
    cache.messages.insertPending(message);
    if (!message.internal) cache.conversations.noteLocalMessage(message.conversationId, message.createdAt, previewOf(message.body), now);
    cache.outbox.enqueue(mutation, now);
  });
  return { ...message, delivery: 'pending', deliveryError: null };
}

/**
 * A refused reply is queued again under its own id, so the relay still stores it at most once.
 * Its basis is the conversation as it is now: the agent has seen what changed and chose to send.
 */
export function recordRetry(cache: Cache, message: LocalMessage, conversation: Conversation, now: number): boolean {
  const { id: messageId, conversationId, body } = message;
  const mutation: MutationBody = message.internal ? { kind: 'note.add', conversationId, messageId, body } : replyMutation(message, conversation);
  return cache.transaction(() => {
    if (!cache.messages.markPendingAgain(message.id)) return false;
    cache.outbox.enqueue(mutation, now);
    return true;
  });
}

/** Shown as ours at once (the outbox row lays over the relay's assignee); false if nothing is to take. */
export function recordClaim(cache: Cache, conversation: Conversation, now: number): boolean {
  if (conversation.assigneeId !== null) return false;
  cache.outbox.enqueue({ kind: 'conversation.claim', conversationId: conversation.id }, now);
  return true;
}

/** An article edit: kept as a draft until the relay confirms it, so a refusal loses nothing. Returns the article id. */
export function recordArticleEdit(
  cache: Cache,
  edit: ArticleDraft & { articleId?: string | null; baseVersion: number },
  now: number,
): string {
  const { articleId: given, baseVersion, ...draft } = edit;
  const articleId = given ?? randomUUID();
  cache.transaction(() => {
    cache.articleDrafts.save(articleId, baseVersion, draft, now);
    cache.outbox.enqueue({ kind: 'article.save', articleId, baseVersion, ...draft }, now);
  });
  return articleId;
}

/** The shown labels change at once (the outbox row lays over the relay's); false if they are the same. */
export function recordLabels(cache: Cache, conversation: Conversation, labels: string[], now: number): boolean {
  const unique = [...new Set(labels)];
  if (JSON.stringify(conversation.labels ?? []) === JSON.stringify(unique)) return false;
  cache.outbox.enqueue({ kind: 'conversation.setLabels', conversationId: conversation.id, labels: unique }, now);
  return true;
}

/** The shown status changes at once (the outbox row lays over the relay's); false if it already had it. */
export function recordStatusChange(cache: Cache, conversation: Conversation, status: ConversationStatus, now: number): boolean {
  if (conversation.status === status) return false;
  cache.outbox.enqueue({ kind: 'conversation.setStatus', conversationId: conversation.id, status }, now);
  return true;
}

export function recordPresence(cache: Cache, presence: SettablePresence, reason: AwayReason | null, now: number): void {
  cache.transaction(() => {
    cache.session.setPresence(presence, reason);
    cache.outbox.enqueue({ kind: 'presence.set', presence, ...(presence === 'away' && reason ? { reason } : {}) }, now);
  });
}
