import type { Conversation } from '../../src-shared/domain/model.js';
import type { CustomerMutationKind } from '../../src-shared/protocol/mutations/customer-mutations.js';
import type { MutationOf } from '../../src-shared/protocol/mutations/index.js';
import type { ChangeSet } from '../log/change-set.js';
import { holds, viewerOf, type Viewer } from '../log/visibility.js';
import type { Refusal, RelayRules, RuleContext } from '../relay-rule.js';
import { merge, unmerge } from './customer-merges.js';

/**
 * Who may merge and unmerge customers: an agent who may see a conversation of each customer now,
 * a supervisor one of their teams', an admin anyone. A customer beyond that is answered as one
 * that does not exist: a refusal never tells whether a customer (or a merge) is there.
 */

const NOT_YOURS: Refusal = { code: 'not_found', message: 'This customer is not among the ones you can see.' };
const MERGE_NOT_YOURS: Refusal = { code: 'not_found', message: 'This merge is not among the ones you can see.' };

/** As log/visibility's `canSee`, for a conversation as it is now. */
function seesNow(viewer: Viewer, conversation: Conversation): boolean {
  switch (viewer.role) {
    case 'admin':
      return true;
    case 'supervisor':
      return viewer.teamIds.includes(conversation.teamId);
    case 'agent':
      return holds(viewer, conversation.assigneeId, conversation.teamId);
  }
}

/** Whether the viewer sees a conversation of this customer of the tenant (a customer merged away has none). */
async function inScope(changes: ChangeSet, viewer: Viewer, customerId: string): Promise<boolean> {
  const conversations = await changes.store.conversations.listOfCustomer(changes.tenantId, customerId);
  return conversations.some((conversation) => seesNow(viewer, conversation));
}

async function mergeCustomers({ changes, agent }: RuleContext, mutation: MutationOf<'customer.merge'>): Promise<Refusal | null> {
  const viewer = viewerOf(agent);
  if (!(await inScope(changes, viewer, mutation.sourceCustomerId)) || !(await inScope(changes, viewer, mutation.targetCustomerId))) return NOT_YOURS;
  await merge(changes, agent, mutation.sourceCustomerId, mutation.targetCustomerId);
  return null;
}

async function unmergeCustomers({ changes, agent }: RuleContext, mutation: MutationOf<'customer.unmerge'>): Promise<Refusal | null> {
  const stored = await changes.store.customers.findMerge(changes.tenantId, mutation.mergeId);
  // The target holds everything the merge moved: whoever sees one of its conversations may undo it.
  if (!stored || !(await inScope(changes, viewerOf(agent), stored.targetCustomerId))) return MERGE_NOT_YOURS;
  if (stored.unmergedAt !== null) return { code: 'conflict', message: 'This merge was undone already.' };
  await unmerge(changes, agent, stored);
  return null;
}

/** The relay's rule for every customer mutation (src-shared/protocol/mutations/customer-mutations.ts). */
export const customerRules: RelayRules<CustomerMutationKind> = {
  'customer.merge': mergeCustomers,
  'customer.unmerge': unmergeCustomers,
};
