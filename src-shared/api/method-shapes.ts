import { z } from 'zod';

/** Shapes many methods share. */

/** No params, or nothing to answer. */
export const Empty = z.object({}).strict();

/** How many rows one page of a list or search may hold. */
export const PageLimit = z.number().int().positive().max(200);
