import { TelegramUpdate, type TelegramMessage } from '../../../src-shared/protocol/channels/telegram.js';
import type { ChannelWebhook } from '../../conversations/channel-messages.js';
import { telegramMediaOf } from './telegram-media.js';

/**
 * A Telegram Update: a user's message in a private chat with the bot. Other kinds (edits,
 * callbacks, group chats) are not conversations with a customer and are left out. Telegram's Bot
 * API sends no delivery or read receipts, so an update never carries a status.
 */
export function parseTelegramUpdate(payload: unknown): { ok: true; webhook: ChannelWebhook } | { ok: false; error: string } {
  const update = TelegramUpdate.safeParse(payload);
  if (!update.success) return { ok: false, error: 'not a Telegram Update' };
  const message = update.data.message;
  if (!message || message.chat.type !== 'private' || !message.from || message.from.is_bot) return { ok: true, webhook: { messages: [], statuses: [] } };
  const { from } = message;
  const name = [from.first_name, from.last_name].filter(Boolean).join(' ').trim() || (from.username ? `@${from.username}` : `Telegram ${from.id}`);
  const media = telegramMediaOf(message);
  return {
    ok: true,
    webhook: {
      messages: [
        {
          // message_id counts per chat: the chat makes it unique within the bot.
          providerMessageId: `${message.chat.id}:${message.message_id}`,
          externalUserId: String(message.chat.id),
          displayName: name,
          language: from.language_code ?? null,
          // A file's caption, or its name: a message is never empty.
          body: media ? message.caption?.trim() || media.name : bodyOf(message),
          sentAt: message.date * 1000,
          ...(media ? { media: [media] } : {}),
        },
      ],
      statuses: [],
    },
  };
}

/** Text as written; other kinds (stickers, locations) are named so the agent knows something came. */
function bodyOf(message: TelegramMessage): string {
  if (message.text?.trim()) return message.text;
  const kind = message.photo ? 'photo' : message.voice ? 'voice' : message.video ? 'video' : message.document ? 'document' : message.sticker ? 'sticker' : 'message';
  return message.caption?.trim() ? `[${kind}] ${message.caption}` : `[${kind}]`;
}
