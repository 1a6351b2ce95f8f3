import { z } from 'zod';
import { MessagingMessage } from './messenger.js';

/**
 * The Messenger API for Instagram's webhook, as Meta documents it: Messenger's format
 * (messenger.ts, whose Send API answers and errors it shares) with object "instagram", the
 * Instagram professional account as entry[].id, Instagram-scoped ids (IGSID) as senders, and no
 * delivery receipts: the one status is a read (messaging_seen) naming the message read, and with
 * it those before.
 */

/** messaging_seen: the customer read `mid` (older payloads gave a watermark instead). */
export const InstagramRead = z.object({ mid: z.string().min(1).max(1024).optional(), watermark: z.number().int().optional() });

const Party = z.object({ id: z.string().min(1).max(64) });

export const InstagramEvent = z.object({
  sender: Party,
  recipient: Party,
  /** Milliseconds since the epoch. */
  timestamp: z.number().int().optional(),
  message: MessagingMessage.optional(),
  read: InstagramRead.optional(),
});
export type InstagramEvent = z.infer<typeof InstagramEvent>;

/** Entries may carry `changes` (comments, mentions) instead of `messaging`: those are not conversations and are left out. */
export const InstagramNotification = z.object({
  object: z.literal('instagram'),
  entry: z.array(z.object({ id: z.string(), time: z.number().optional(), messaging: z.array(z.unknown()).optional() })),
});
