import { z } from 'zod';
import { Id } from '../../domain/model.js';

/**
 * An agent who sees a conversation of each customer (a supervisor or admin, one of their teams'),
 * says they are one person: the source's conversations and identities move to the target.
 */
export const MergeCustomers = z
  .object({
    kind: z.literal('customer.merge'),
    sourceCustomerId: Id,
    targetCustomerId: Id,
  })
  .refine((merge) => merge.sourceCustomerId !== merge.targetCustomerId, 'a customer cannot be merged into themselves');
/** Undoes a merge: what it moved goes back to the source. */
export const UnmergeCustomers = z.object({
  kind: z.literal('customer.unmerge'),
  mergeId: Id,
});

export const CUSTOMER_MUTATIONS = [MergeCustomers, UnmergeCustomers] as const;
export type CustomerMutationKind = z.infer<(typeof CUSTOMER_MUTATIONS)[number]>['kind'];
