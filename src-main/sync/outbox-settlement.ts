import type { Rejection } from '../../src-shared/protocol/sync.js';
import type { Cache } from '../store/cache.js';
import type { ChangeSet } from './change-set.js';
import { failMessage } from './mutations/agent-messages.js';
import { clientMutationOf } from './mutations/index.js';

export const UNCONFIRMED_REPLY =
  'The relay took this reply before the connection dropped but never confirmed it; it was probably refused. Please send it again.';

/**
 * The relay acknowledged every change up to `lastMutationId`: each refusal is settled by its
 * kind's module (./mutations), say a refused reply marked failed with the relay's reason and a
 * notice that tells the agent plainly what happened, then the acknowledged rows leave the
 * outbox. Returns how many rows left the outbox.
 */
export function settleAck(cache: Cache, lastMutationId: number, rejections: readonly Rejection[], changes: ChangeSet, now = Date.now()): number {
  const settling = { cache, changes };
  return cache.transaction(() => {
    for (const rejection of rejections) {
      const mutation = cache.outbox.get(rejection.mutationId);
      if (mutation) clientMutationOf(mutation.body.kind).refused(settling, mutation.body, rejection, now);
    }
    const settled = cache.outbox.deleteThrough(lastMutationId);
    for (const { body } of settled) clientMutationOf(body.kind).settled?.(settling, body);
    return settled.length;
  });
}

/**
 * On welcome: the relay already applied changes up to `lastMutationId` (the ack was lost with the
 * connection). They leave the outbox; the ids of replies among them are returned so that the
 * catch-up can show which of them the relay refused (those that never arrive as events).
 */
export function settleAppliedBeforeReconnect(cache: Cache, lastMutationId: number, changes: ChangeSet): string[] {
  const settled = cache.transaction(() => {
    const rows = cache.outbox.deleteThrough(lastMutationId);
    for (const { body } of rows) clientMutationOf(body.kind).unconfirmed?.(cache, body);
    return rows;
  });
  for (const { body } of settled) clientMutationOf(body.kind).settled?.({ cache, changes }, body);
  return settled.flatMap(({ body }) => {
    const messageId = clientMutationOf(body.kind).awaitedMessageId?.(body);
    return messageId === undefined ? [] : [messageId];
  });
}

/** After catch-up: replies of `messageIds` that the log did not turn into sent messages were refused. */
export function failUnconfirmedReplies(cache: Cache, messageIds: readonly string[], changes: ChangeSet): void {
  cache.transaction(() => {
    for (const id of messageIds) failMessage(cache, id, UNCONFIRMED_REPLY, changes);
  });
}
