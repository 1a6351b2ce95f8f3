import { z } from 'zod';
import { CustomerProfile, MergeSuggestion } from '../domain/customers.js';
import { Channel, Id } from '../domain/model.js';
import { LocalConversation } from './local-records.js';
import { Empty } from './method-shapes.js';

/** A merge suggestion as this desk can act on it: the other customer named when a conversation of theirs is held here. */
export const ShownSuggestion = MergeSuggestion.extend({
  otherCustomerId: Id,
  /** Null when no conversation of the other customer is held here: then only someone who sees both (a supervisor) can merge. */
  otherName: z.string().nullable(),
  /**
   * For a suggestion by phone whose other customer is held here: the number one side wrote in a
   * message (`saidBy`) and the other holds verified, formatted for reading, with the channels
   * each is known on. Absent otherwise.
   */
  phone: z
    .object({ number: z.string(), saidBy: z.enum(['this', 'other']), saidOn: Channel.nullable(), verifiedOn: Channel.nullable() })
    .optional(),
});
export type ShownSuggestion = z.infer<typeof ShownSuggestion>;

export const customersMethods = {
  /** The customer beside a conversation: who they are, how they are known, and their conversations held here, newest first. */
  'customers.get': {
    input: z.object({ customerId: Id }).strict(),
    output: z.object({
      customer: CustomerProfile,
      conversations: z.array(LocalConversation),
      suggestions: z.array(ShownSuggestion),
      /** A merge or unmerge of this customer waits in the outbox (or for the relay's answer). */
      pending: z.boolean(),
    }),
  },
  /** The source customer is the target: their conversations and identities move to the target. The relay decides. */
  'customers.merge': {
    input: z
      .object({ sourceCustomerId: Id, targetCustomerId: Id })
      .strict()
      .refine((merge) => merge.sourceCustomerId !== merge.targetCustomerId, 'a customer cannot be merged into themselves'),
    output: Empty,
  },
  /** Undoes a merge into the customer. */
  'customers.unmerge': { input: z.object({ mergeId: Id }).strict(), output: Empty },
} as const;

export const customersEvents = {
  'customers.changed': z.object({ customerIds: z.array(Id) }),
} as const;
