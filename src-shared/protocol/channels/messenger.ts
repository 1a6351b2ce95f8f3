import { z } from 'zod';

/**
 * The Messenger Platform's wire format, as Meta documents it: the webhook (object "page",
 * entry[].messaging[] with a message, a delivery or a read), the Graph Send API's answer and its
 * error object. Instagram's messaging (instagram.ts) is the same format with a few differences.
 * Only the fields the relay reads are named; anything else Meta sends is allowed and ignored.
 */

/** Graph API's error object, in every refused call's answer. */
export const GraphError = z.object({
  message: z.string().optional(),
  type: z.string().optional(),
  code: z.number().int(),
  error_subcode: z.number().int().optional(),
  fbtrace_id: z.string().optional(),
});
export type GraphError = z.infer<typeof GraphError>;

export const GraphErrorAnswer = z.object({ error: GraphError });

/** POST /v{N}/me/messages answers this when it took the message. */
export const GraphSendAnswer = z.object({ recipient_id: z.string().optional(), message_id: z.string().min(1).max(1024) });

/** GET /v{N}/me?fields=id,name: the Page (or Instagram account) the token speaks for. */
export const GraphMe = z.object({ id: z.string(), name: z.string().optional(), username: z.string().optional() });

const Party = z.object({ id: z.string().min(1).max(64) });

/** A file's payload carries the URL it can be downloaded from (for a while, without a token). */
export const MessagingAttachment = z.object({ type: z.string().max(64), payload: z.object({ url: z.string().max(4096) }).partial().nullish() });

/** A message event's content: text, attachments, or both; `is_echo` marks the page's own sends. */
export const MessagingMessage = z.object({
  mid: z.string().min(1).max(1024),
  text: z.string().optional(),
  attachments: z.array(MessagingAttachment).optional(),
  is_echo: z.boolean().optional(),
  /** Instagram: the customer removed this message; not a new one. */
  is_deleted: z.boolean().optional(),
  /** Instagram: a kind of message the API does not pass on. */
  is_unsupported: z.boolean().optional(),
});
export type MessagingMessage = z.infer<typeof MessagingMessage>;

/** message_deliveries: every message sent before `watermark` (ms) was delivered; `mids` may name some of them. */
export const MessengerDelivery = z.object({ mids: z.array(z.string().min(1).max(1024)).optional(), watermark: z.number().int() });

/** message_reads: every message sent before `watermark` (ms) was read. */
export const MessengerRead = z.object({ watermark: z.number().int() });

/** One entry of messaging[]: a message, a delivery or a read (other kinds, postbacks and reactions, are left out). */
export const MessengerEvent = z.object({
  sender: Party,
  recipient: Party,
  /** Milliseconds since the epoch. */
  timestamp: z.number().int().optional(),
  message: MessagingMessage.optional(),
  delivery: MessengerDelivery.optional(),
  read: MessengerRead.optional(),
});
export type MessengerEvent = z.infer<typeof MessengerEvent>;

/** The notification; each entry is one Page's events (one app's webhook serves all of its Pages). */
export const MessengerNotification = z.object({
  object: z.literal('page'),
  entry: z.array(z.object({ id: z.string(), time: z.number().optional(), messaging: z.array(z.unknown()).optional() })),
});
