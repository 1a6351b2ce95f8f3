import { randomUUID } from 'node:crypto';
import type { LocalMessage } from '../../src-shared/api/contract.js';
import { previewOf, type Agent, type Conversation, type ConversationStatus, type Message, type SettablePresence } from '../../src-shared/domain/model.js';
import type { Cache } from '../store/cache.js';

/**
 * Local changes (DESIGN.md sync step 1): each is written to its table and to the outbox in one
 * transaction, so a reply is never shown without being queued, nor queued without being shown.
 */

export function recordReply(cache: Cache, author: Agent, conversation: Conversation, body: string, now: number): LocalMessage {
  const message: Message = {
    id: randomUUID(),
    conversationId: conversation.id,
    author: 'agent',
    authorId: author.id,
    authorName: author.name,
    body,
    // Never before what the agent was answering, even if this machine's clock runs behind the relay's.
    createdAt: Math.max(now, conversation.lastMessageAt),
  };
  cache.transaction(() => {
    cache.messages.insertPending(message);
    cache.conversations.noteLocalMessage(conversation.id, message.createdAt, previewOf(body), now);
    cache.outbox.enqueue({ kind: 'reply.send', conversationId: conversation.id, messageId: message.id, body }, now);
  });
  return { ...message, delivery: 'pending', deliveryError: null };
}

/** A refused reply is queued again under its own id, so the relay still stores it at most once. */
export function recordRetry(cache: Cache, message: LocalMessage, now: number): boolean {
  return cache.transaction(() => {
    if (!cache.messages.markPendingAgain(message.id)) return false;
    cache.outbox.enqueue({ kind: 'reply.send', conversationId: message.conversationId, messageId: message.id, body: message.body }, now);
    return true;
  });
}

/** The shown status changes at once (the outbox row lays over the relay's); false if it already had it. */
export function recordStatusChange(cache: Cache, conversation: Conversation, status: ConversationStatus, now: number): boolean {
  if (conversation.status === status) return false;
  cache.outbox.enqueue({ kind: 'conversation.setStatus', conversationId: conversation.id, status }, now);
  return true;
}

export function recordPresence(cache: Cache, presence: SettablePresence, now: number): void {
  cache.transaction(() => {
    cache.session.setPresence(presence);
    cache.outbox.enqueue({ kind: 'presence.set', presence }, now);
  });
}
