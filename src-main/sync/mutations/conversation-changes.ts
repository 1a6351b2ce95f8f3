import type { Conversation, ConversationStatus } from '../../../src-shared/domain/model.js';
import { INTENT_ID, type ConversationMutationKind } from '../../../src-shared/protocol/mutations/conversation-mutations.js';
import type { Mutation } from '../../../src-shared/protocol/sync.js';
import type { Cache } from '../../store/cache.js';
import type { AgentMessageKind } from './agent-messages.js';
import type { ClientMutations, Settling } from './client-mutation.js';
import { addRefusalNotice, ignoredWhenRefused, noticedWhenRefused } from './refusal-notices.js';

/**
 * Changes to who holds a conversation and what it is: claim, status, labels, a supervisor's
 * assignment, the answer to an offer, and the routing signals of the desk's models. Each is one
 * outbox row. A pending claim, status or labels shows at once without touching the cached
 * conversation: the cache's `shown_conversations` view lays the outbox row over the relay's
 * state, so when the row leaves the outbox (applied or refused) the relay's state shows again.
 */

/** Shown as ours at once (the view lays the outbox row over the relay's assignee); false if nothing is to take. */
export function recordClaim(cache: Cache, conversation: Conversation, now: number): boolean {
  if (conversation.assigneeId !== null) return false;
  cache.outbox.enqueue({ kind: 'conversation.claim', conversationId: conversation.id }, now);
  return true;
}

/** The shown status changes at once (the view lays the outbox row over the relay's); false if it already had it. */
export function recordStatusChange(cache: Cache, conversation: Conversation, status: ConversationStatus, now: number): boolean {
  if (conversation.status === status) return false;
  cache.outbox.enqueue({ kind: 'conversation.setStatus', conversationId: conversation.id, status }, now);
  return true;
}

/**
 * Takes back a conversation's resolutions that `mayTakeBack` (still in their undo window, never
 * sent: ../resolution-hold.ts); the shown status falls back to what it was. How many went.
 */
export function takeBackResolutions(cache: Cache, conversationId: string, mayTakeBack: (mutation: Mutation) => boolean): number {
  return cache.transaction(() => heldResolutions(cache, conversationId, mayTakeBack).filter((m) => cache.outbox.takeBack(m.mutationId)).length);
}

/** A conversation's resolutions in the outbox that `mayTakeBack`, in the order they were made. */
export function heldResolutions(cache: Cache, conversationId: string, mayTakeBack: (mutation: Mutation) => boolean): Mutation[] {
  return cache.outbox.ofConversation(conversationId, 'conversation.setStatus').filter((m) => m.body.kind === 'conversation.setStatus' && m.body.status === 'resolved' && mayTakeBack(m));
}

/** The shown labels change at once (the view lays the outbox row over the relay's); false if they are the same. */
export function recordLabels(cache: Cache, conversation: Conversation, labels: string[], now: number): boolean {
  const unique = [...new Set(labels)];
  if (JSON.stringify(conversation.labels ?? []) === JSON.stringify(unique)) return false;
  cache.outbox.enqueue({ kind: 'conversation.setLabels', conversationId: conversation.id, labels: unique }, now);
  return true;
}

/** A supervisor gives the conversation to someone, or back to the queue (null); it shows once the relay logs it. */
export function recordAssignment(cache: Cache, conversationId: string, assigneeId: string | null, now: number): void {
  cache.outbox.enqueue({ kind: 'conversation.assign', conversationId, assigneeId }, now);
}

/** The agent takes or lets go a conversation offered to them; it shows once the relay logs it. */
export function recordOfferAnswer(cache: Cache, answer: 'conversation.accept' | 'conversation.decline', conversationId: string, now: number): void {
  cache.outbox.enqueue({ kind: answer, conversationId }, now);
}

/** What this desk's models found, for routing. Only intents its catalogue names go out; the relay takes intent ids only. */
export function recordSignal(cache: Cache, conversationId: string, signal: { intent: string | null; upset: boolean }, now: number): void {
  const intent = signal.intent !== null && INTENT_ID.test(signal.intent) ? signal.intent : null;
  cache.outbox.enqueue({ kind: 'conversation.signal', conversationId, intent, upset: signal.upset }, now);
}

/** A claim, status, labels or assignment leaving the outbox may change what the list shows: it must look again. */
const reshown = ({ changes }: Settling, mutation: { conversationId: string }): void => changes.conversation(mutation.conversationId);

/** Every conversation mutation but the agent's messages (./agent-messages.ts). */
export const conversationChangeMutations: ClientMutations<Exclude<ConversationMutationKind, AgentMessageKind>> = {
  'conversation.claim': {
    // Whoever won, the agent lost this one: a claim refused for any reason but erasure is a lost claim.
    refused: (settling, claim, rejection, now) =>
      addRefusalNotice(settling, { conversationId: claim.conversationId, messageId: null, kind: rejection.reason === 'erased' ? 'erased' : 'claim-lost' }, rejection, now),
    settled: reshown,
  },
  'conversation.setStatus': { refused: noticedWhenRefused('status-not-applied'), settled: reshown },
  'conversation.setLabels': { refused: noticedWhenRefused('change-not-applied'), settled: reshown },
  'conversation.assign': { refused: noticedWhenRefused('change-not-applied'), settled: reshown },
  'conversation.accept': { refused: noticedWhenRefused('change-not-applied') },
  'conversation.decline': { refused: noticedWhenRefused('change-not-applied') },
  'conversation.signal': { refused: ignoredWhenRefused },
};
