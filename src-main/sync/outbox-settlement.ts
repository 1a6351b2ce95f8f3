import type { NoticeKind } from '../../src-shared/api/contract.js';
import type { ConflictReason, Mutation, Rejection } from '../../src-shared/protocol/sync.js';
import type { Cache } from '../store/cache.js';
import type { ChangeSet } from './change-set.js';

export const UNCONFIRMED_ARTICLE =
  'The relay took this edit before the connection dropped but never confirmed it. Check the article and save again if your changes are missing.';
export const UNCONFIRMED_REPLY =
  'The relay took this reply before the connection dropped but never confirmed it; it was probably refused. Please send it again.';

/**
 * The relay acknowledged every change up to `lastMutationId`: a refused reply or note is marked
 * failed with the relay's reason, a refused claim or status change simply leaves the outbox (the
 * relay's own events put the conversation back), and each refusal becomes a notice that tells the
 * agent plainly what happened. Returns how many rows left the outbox.
 */
export function settleAck(cache: Cache, lastMutationId: number, rejections: readonly Rejection[], changes: ChangeSet, now = Date.now()): number {
  return cache.transaction(() => {
    for (const rejection of rejections) {
      const mutation = cache.outbox.get(rejection.mutationId);
      if (mutation) settleRejection(cache, mutation, rejection, changes, now);
    }
    const settled = cache.outbox.deleteThrough(lastMutationId);
    settled.forEach((mutation) => noteSettled(cache, mutation, changes));
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
    rows.forEach((mutation) => noteUnconfirmed(cache, mutation));
    return rows;
  });
  settled.forEach((mutation) => noteSettled(cache, mutation, changes));
  return settled.flatMap((mutation) => (mutation.body.kind === 'reply.send' ? [mutation.body.messageId] : []));
}

/** After catch-up: replies of `messageIds` that the log did not turn into sent messages were refused. */
export function failUnconfirmedReplies(cache: Cache, messageIds: readonly string[], changes: ChangeSet): void {
  cache.transaction(() => {
    for (const id of messageIds) failReply(cache, id, UNCONFIRMED_REPLY, changes);
  });
}

function settleRejection(cache: Cache, mutation: Mutation, rejection: Rejection, changes: ChangeSet, now: number): void {
  const { body } = mutation;
  // Presence and signals are the desk's own bookkeeping: a refusal is nothing the agent must act on.
  if (body.kind === 'presence.set' || body.kind === 'conversation.signal' || body.kind === 'agent.setPresence') return;
  if (body.kind === 'article.save') {
    // The editor shows the refused version with the reason; its writer decides what to keep.
    cache.articleDrafts.mark(body.articleId, 'refused', rejection.message);
    changes.articles();
    return;
  }
  const messageId = body.kind === 'reply.send' || body.kind === 'note.add' ? body.messageId : null;
  if (messageId) failReply(cache, messageId, rejection.message, changes);
  const erased = rejection.reason === 'erased';
  cache.notices.add({
    at: now,
    kind: noticeKindOf(body.kind, rejection.reason),
    conversationId: body.conversationId,
    // An erased customer's name must not outlive their data, not even in a notice.
    customerName: erased ? '' : (cache.conversations.get(body.conversationId)?.customerName ?? ''),
    otherAgentName: rejection.otherAgentName ?? null,
    messageId: erased ? null : messageId,
    detail: rejection.message,
  });
  changes.notices();
}

function noticeKindOf(kind: Exclude<Mutation['body']['kind'], 'presence.set' | 'article.save' | 'conversation.signal' | 'agent.setPresence'>, reason: ConflictReason | undefined): NoticeKind {
  if (reason === 'erased') return 'erased';
  if (kind === 'conversation.claim') return 'claim-lost';
  if (reason === 'reassigned' || reason === 'taken') return 'reassigned';
  if (reason === 'resolved') return 'resolved-elsewhere';
  if (kind === 'conversation.setStatus') return 'status-not-applied';
  return kind === 'reply.send' || kind === 'note.add' ? 'reply-not-sent' : 'change-not-applied';
}

function failReply(cache: Cache, messageId: string, reason: string, changes: ChangeSet): void {
  const failed = cache.messages.markFailed(messageId, reason);
  if (failed) changes.message(failed.conversationId, failed.id);
}

/** A status change or claim leaving the outbox may change what the list shows; a confirmed article edit is no draft any more. */
function noteSettled(cache: Cache, mutation: Mutation, changes: ChangeSet): void {
  const { body } = mutation;
  if (body.kind === 'conversation.setStatus' || body.kind === 'conversation.claim' || body.kind === 'conversation.assign') changes.conversation(body.conversationId);
  if (body.kind === 'article.save') {
    cache.articleDrafts.confirm(body.articleId);
    changes.articles();
  }
}

/** The ack was lost: whether the relay took an article edit is unknown, so the draft stays, said so. */
function noteUnconfirmed(cache: Cache, mutation: Mutation): void {
  if (mutation.body.kind === 'article.save') cache.articleDrafts.mark(mutation.body.articleId, 'unconfirmed', UNCONFIRMED_ARTICLE);
}
