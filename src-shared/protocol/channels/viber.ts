import { z } from 'zod';

/**
 * The Viber REST Bot API's wire format, as its documentation gives it: the callbacks (message,
 * delivered, seen, failed, and the events the relay only acknowledges: webhook, subscribed,
 * unsubscribed, conversation_started), and the answers of send_message and get_account_info,
 * which are HTTP 200 with a `status` (0 for ok). Read with readViberJson (viber-json.ts), so that
 * `message_token` arrives as the string of its 64-bit digits. Only the fields the relay reads are
 * named; the rest is ignored.
 */

export const ViberMessageToken = z.string().regex(/^\d{1,20}$/, 'a message token is an unsigned 64-bit integer');

/** Every callback names its event. */
export const ViberCallbackHead = z.object({ event: z.string().max(64) });

export const ViberSender = z.object({
  id: z.string().min(1).max(128),
  name: z.string().max(256).optional(),
  /** The phone's language, as ISO 639-1 (sometimes with a region). */
  language: z.string().max(16).optional(),
  country: z.string().max(8).optional(),
});

export const ViberMessage = z.object({
  type: z.string().max(32),
  text: z.string().optional(),
  media: z.string().optional(),
  file_name: z.string().max(512).optional(),
  size: z.number().int().nonnegative().optional(),
});
export type ViberMessage = z.infer<typeof ViberMessage>;

/** A user wrote to the bot. */
export const ViberMessageCallback = z.object({
  event: z.literal('message'),
  /** Milliseconds since the epoch. */
  timestamp: z.number().int(),
  message_token: ViberMessageToken,
  sender: ViberSender,
  message: ViberMessage,
});

/** What Viber says of a message the bot sent: delivered, seen (read), or failed with a description. */
export const ViberStatusCallback = z.object({
  event: z.enum(['delivered', 'seen', 'failed']),
  timestamp: z.number().int(),
  message_token: ViberMessageToken,
  user_id: z.string().max(128),
  desc: z.string().max(500).optional(),
});

/** send_message's answer: status 0 with the message's token, or another status and its name. */
export const ViberSendAnswer = z.object({
  status: z.number().int(),
  status_message: z.string(),
  message_token: ViberMessageToken.optional(),
});

/** get_account_info's answer. */
export const ViberAccountInfo = z.object({
  status: z.number().int(),
  status_message: z.string(),
  name: z.string().optional(),
  uri: z.string().optional(),
});
