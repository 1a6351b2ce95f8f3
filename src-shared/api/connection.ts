import { z } from 'zod';

/** The connection indicator: how this workstation stands with the relay. */

export const ConnectionState = z.enum(['signed-out', 'connecting', 'online', 'offline']);
export type ConnectionState = z.infer<typeof ConnectionState>;

export const Connection = z.object({
  state: ConnectionState,
  /** Replies and changes written here that the relay has not acknowledged yet. */
  pendingCount: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  /** When the core will try the relay again, if it is waiting. */
  retryAt: z.number().nullable(),
  /** Progress of a full resync (the cache was older than the relay's retained log), else null. */
  resync: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable().default(null),
});
export type Connection = z.infer<typeof Connection>;

export const connectionEvents = {
  'connection.changed': Connection,
} as const;
