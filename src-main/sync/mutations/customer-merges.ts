import type { CustomerMutationKind } from '../../../src-shared/protocol/mutations/customer-mutations.js';
import type { Rejection } from '../../../src-shared/protocol/sync.js';
import type { Cache } from '../../store/cache.js';
import type { ClientMutations, Settling } from './client-mutation.js';

/**
 * Merging two customers and undoing it: only the relay knows every conversation of each, so
 * nothing changes here until its events come back; the customer panel shows the change as
 * pending meanwhile, and a refusal becomes a notice on the customer's newest conversation here.
 */

/** Queues the merge of `sourceCustomerId` into `targetCustomerId`. */
export function recordMerge(cache: Cache, merge: { sourceCustomerId: string; targetCustomerId: string }, now: number): void {
  cache.outbox.enqueue({ kind: 'customer.merge', ...merge }, now);
}

/** Queues the undoing of a merge. */
export function recordUnmerge(cache: Cache, mergeId: string, now: number): void {
  cache.outbox.enqueue({ kind: 'customer.unmerge', mergeId }, now);
}

function noticeRefused({ cache, changes }: Settling, customerIds: readonly string[], rejection: Rejection, now: number): void {
  const conversation = customerIds.map((id) => cache.conversations.ofCustomer(id)[0]).find((found) => found !== undefined);
  if (conversation) {
    cache.notices.add({ at: now, kind: 'change-not-applied', conversationId: conversation.id, customerName: conversation.customerName, otherAgentName: null, messageId: null, detail: rejection.message });
    changes.notices();
  }
}

/** Out of the outbox: the customer panel stops showing the change as pending. */
function settled({ changes }: Settling, customerIds: readonly string[]): void {
  for (const id of customerIds) changes.customer(id);
}

export const customerMutations: ClientMutations<CustomerMutationKind> = {
  'customer.merge': {
    refused: (settling, merge, rejection, now) => noticeRefused(settling, [merge.targetCustomerId, merge.sourceCustomerId], rejection, now),
    settled: (settling, merge) => settled(settling, [merge.sourceCustomerId, merge.targetCustomerId]),
  },
  'customer.unmerge': {
    refused: (settling, unmerge, rejection, now) => noticeRefused(settling, settling.cache.customers.ofMerge(unmerge.mergeId), rejection, now),
    settled: (settling, unmerge) => settled(settling, settling.cache.customers.ofMerge(unmerge.mergeId)),
  },
};
