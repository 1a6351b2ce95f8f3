import type { NoticeKind } from '../../../src-shared/api/contract.js';
import type { ConflictReason, Rejection } from '../../../src-shared/protocol/sync.js';
import type { Settling } from './client-mutation.js';

/** What a refused change was about, for its notice. */
export interface Refused {
  conversationId: string;
  /** The agent's message the relay did not take, if the change was one. */
  messageId: string | null;
  kind: NoticeKind;
}

/** A refused change to a conversation becomes a notice that tells the agent plainly what happened. */
export function addRefusalNotice({ cache, changes }: Settling, refused: Refused, rejection: Rejection, now: number): void {
  const erased = rejection.reason === 'erased';
  cache.notices.add({
    at: now,
    kind: refused.kind,
    conversationId: refused.conversationId,
    // An erased customer's name must not outlive their data, not even in a notice.
    customerName: erased ? '' : (cache.conversations.get(refused.conversationId)?.customerName ?? ''),
    otherAgentName: rejection.otherAgentName ?? null,
    messageId: erased ? null : refused.messageId,
    detail: rejection.message,
  });
  changes.notices();
}

/** The notice for what won instead, when the relay says; `otherwise` when it does not. */
export function conflictNoticeKind(reason: ConflictReason | undefined, otherwise: NoticeKind): NoticeKind {
  if (reason === 'erased') return 'erased';
  if (reason === 'reassigned' || reason === 'taken') return 'reassigned';
  if (reason === 'resolved') return 'resolved-elsewhere';
  return otherwise;
}

/** The `refused` of a conversation change that, refused, only leaves a notice. */
export function noticedWhenRefused(otherwise: NoticeKind) {
  return (settling: Settling, mutation: { conversationId: string }, rejection: Rejection, now: number): void => {
    addRefusalNotice(settling, { conversationId: mutation.conversationId, messageId: null, kind: conflictNoticeKind(rejection.reason, otherwise) }, rejection, now);
  };
}

/** The `refused` of the desk's own bookkeeping (presence, signals): nothing the agent must act on. */
export const ignoredWhenRefused = (): void => undefined;
