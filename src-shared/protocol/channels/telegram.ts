import { z } from 'zod';

/**
 * The Telegram Bot API's wire format, as its documentation gives it: the Update a webhook
 * receives, and the answers of sendMessage ({ok: true, result: Message} or {ok: false,
 * error_code, description}). Only the fields the relay reads are named; the rest is ignored.
 */

export const TelegramUser = z.object({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  /** IETF language tag of the user's client, when Telegram knows it. */
  language_code: z.string().optional(),
});

export const TelegramChat = z.object({
  /** Can exceed 32 bits; fits in a double. */
  id: z.number().int(),
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
});

export const TelegramMessage = z.object({
  message_id: z.number().int(),
  from: TelegramUser.optional(),
  chat: TelegramChat,
  /** Seconds since the epoch. */
  date: z.number().int(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(z.unknown()).optional(),
  document: z.unknown().optional(),
  voice: z.unknown().optional(),
  video: z.unknown().optional(),
  sticker: z.unknown().optional(),
});
export type TelegramMessage = z.infer<typeof TelegramMessage>;

/** One update; at most one of its optional parts is present. The relay reads `message` and ignores the other kinds. */
export const TelegramUpdate = z.object({
  update_id: z.number().int(),
  message: TelegramMessage.optional(),
});
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;

export const TelegramSendAnswer = z.object({ ok: z.literal(true), result: TelegramMessage });

export const TelegramErrorAnswer = z.object({
  ok: z.literal(false),
  error_code: z.number().int(),
  description: z.string(),
  parameters: z.object({ retry_after: z.number().int().optional(), migrate_to_chat_id: z.number().int().optional() }).optional(),
});

/** getMe answers the bot itself (the connection test reads its name). */
export const TelegramGetMeAnswer = z.object({ ok: z.literal(true), result: TelegramUser });
