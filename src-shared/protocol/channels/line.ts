import { z } from 'zod';

/**
 * The LINE Messaging API's wire format, as its reference gives it: the webhook (a destination and
 * a batch of events), the message event the relay reads, and the answers of the push, bot info
 * and error responses. Only the fields the relay reads are named; the rest is ignored. LINE sends
 * no delivery or read status for pushed messages, so there is no status schema.
 */

/** Who an event came from: a user in a one-to-one chat, or a group or room (not a customer conversation). */
export const LineSource = z.object({
  type: z.enum(['user', 'group', 'room']),
  userId: z.string().max(64).optional(),
});

/** A message object in a message event; `type` says which fields it has. */
export const LineMessage = z.object({
  /** A decimal string, unique on LINE; a redelivery carries the same. */
  id: z.string().regex(/^\d{1,32}$/),
  type: z.string().max(32),
  text: z.string().optional(),
  fileName: z.string().max(512).optional(),
  fileSize: z.number().int().nonnegative().optional(),
  /** Where an image, video or audio is: on LINE (fetched from the content API) or at the sender's URL. */
  contentProvider: z.object({ type: z.string().max(16) }).passthrough().optional(),
});
export type LineMessage = z.infer<typeof LineMessage>;

/** A message event: the user wrote something. */
export const LineMessageEvent = z.object({
  type: z.literal('message'),
  /** 'standby' while another channel (module) has the chat: the relay still stores the message. */
  mode: z.string().optional(),
  /** Milliseconds since the epoch. */
  timestamp: z.number().int(),
  source: LineSource,
  webhookEventId: z.string().max(64),
  deliveryContext: z.object({ isRedelivery: z.boolean() }),
  message: LineMessage,
});
export type LineMessageEvent = z.infer<typeof LineMessageEvent>;

/** The webhook. Events of other types (follow, unfollow, postback, ...) are kept unparsed; an empty batch is the console's "Verify". */
export const LineWebhook = z.object({
  destination: z.string().max(64),
  events: z.array(z.unknown()),
});

export const LineSentMessage = z.object({ id: z.string().min(1).max(64), quoteToken: z.string().optional() });

/** POST /v2/bot/message/push answers 200 with this. */
export const LinePushAnswer = z.object({ sentMessages: z.array(LineSentMessage).min(1) });

/** An error answer; a 409 for a retry key already accepted also carries what was sent then. */
export const LineErrorAnswer = z.object({
  message: z.string(),
  details: z.array(z.object({ message: z.string().optional(), property: z.string().optional() })).optional(),
  sentMessages: z.array(LineSentMessage).optional(),
});
export type LineErrorAnswer = z.infer<typeof LineErrorAnswer>;

/** GET /v2/bot/info: the bot behind the channel access token. */
export const LineBotInfo = z.object({ userId: z.string(), basicId: z.string().optional(), displayName: z.string() });
