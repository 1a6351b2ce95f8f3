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

/** A file in a message (a PhotoSize, Document, Audio, Voice or Video): getFile takes its file_id. */
export const TelegramFileRef = z.object({
  file_id: z.string().min(1).max(256),
  file_name: z.string().max(255).optional(),
  mime_type: z.string().max(100).optional(),
  file_size: z.number().int().nonnegative().optional(),
});
export type TelegramFileRef = z.infer<typeof TelegramFileRef>;

/** getFile's answer: the path to download the file from (/file/bot<token>/<file_path>), for an hour. */
export const TelegramGetFileAnswer = z.object({
  ok: z.literal(true),
  result: z.object({ file_id: z.string(), file_size: z.number().int().optional(), file_path: z.string().max(1024).optional() }),
});

export const TelegramMessage = z.object({
  message_id: z.number().int(),
  from: TelegramUser.optional(),
  chat: TelegramChat,
  /** Seconds since the epoch. */
  date: z.number().int(),
  text: z.string().optional(),
  caption: z.string().optional(),
  /** The same photo in several sizes, smallest first. */
  photo: z.array(TelegramFileRef).optional(),
  document: TelegramFileRef.optional(),
  audio: TelegramFileRef.optional(),
  voice: TelegramFileRef.optional(),
  video: TelegramFileRef.optional(),
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
