import type { Mutation, Rejection } from '../../src-shared/protocol/sync.js';
import type { Cache } from '../store/cache.js';
import type { ChangeSet } from './change-set.js';

export const UNCONFIRMED_REPLY =
  'The relay took this reply before the connection dropped but never confirmed it; it was probably refused. Please send it again.';

/**
 * The relay acknowledged every change up to `lastMutationId`: a refused reply is marked failed
 * with the relay's reason, a refused status change simply leaves the outbox (the relay's own
 * events put the conversation back), and all of them are deleted. Returns how many rows left.
 */
export function settleAck(cache: Cache, lastMutationId: number, rejections: readonly Rejection[], changes: ChangeSet): number {
  return cache.transaction(() => {
    for (const rejection of rejections) {
      const mutation = cache.outbox.get(rejection.mutationId);
      if (mutation?.body.kind === 'reply.send') failReply(cache, mutation.body.messageId, rejection.message, changes);
    }
    const settled = cache.outbox.deleteThrough(lastMutationId);
    settled.forEach((mutation) => noteSettled(mutation, changes));
    return settled.length;
  });
}

/**
 * On welcome: the relay already applied changes up to `lastMutationId` (the ack was lost with the
 * connection). They leave the outbox; the ids of replies among them are returned so that the
 * catch-up can show which of them the relay refused (those that never arrive as events).
 */
export function settleAppliedBeforeReconnect(cache: Cache, lastMutationId: number, changes: ChangeSet): string[] {
  const settled = cache.transaction(() => cache.outbox.deleteThrough(lastMutationId));
  settled.forEach((mutation) => noteSettled(mutation, changes));
  return settled.flatMap((mutation) => (mutation.body.kind === 'reply.send' ? [mutation.body.messageId] : []));
}

/** After catch-up: replies of `messageIds` that the log did not turn into sent messages were refused. */
export function failUnconfirmedReplies(cache: Cache, messageIds: readonly string[], changes: ChangeSet): void {
  cache.transaction(() => {
    for (const id of messageIds) failReply(cache, id, UNCONFIRMED_REPLY, changes);
  });
}

function failReply(cache: Cache, messageId: string, reason: string, changes: ChangeSet): void {
  const failed = cache.messages.markFailed(messageId, reason);
  if (failed) changes.message(failed.conversationId, failed.id);
}

/** A status change leaving the outbox may change what the list shows. */
function noteSettled(mutation: Mutation, changes: ChangeSet): void {
  if (mutation.body.kind === 'conversation.setStatus') changes.conversation(mutation.body.conversationId);
}
