import { z } from 'zod';
import { Id } from '../domain/model.js';

/** POST /api/admin/erasures, by an administrator: erase everything about one customer. */
export const ErasureRequest = z.object({ customerId: Id }).strict();
export type ErasureRequest = z.infer<typeof ErasureRequest>;

export const ErasureResponse = z.object({
  customerId: Id,
  conversationIds: z.array(Id),
  messages: z.number().int().nonnegative(),
});
export type ErasureResponse = z.infer<typeof ErasureResponse>;
