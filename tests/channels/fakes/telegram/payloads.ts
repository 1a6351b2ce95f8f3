import type { FakeAnswer } from '../fake-http.js';

/**
 * Telegram Bot API payloads as its documentation gives them: the Update a webhook receives, and
 * the error answers of a method call ({ok: false, error_code, description, parameters?}).
 * Telegram's Bot API has no delivery or read receipts: there are no status callbacks to build.
 */

/** A user's text message in their private chat with the bot. */
export function telegramTextUpdate(update: {
  updateId: number;
  chatId: number;
  messageId: number;
  firstName: string;
  lastName?: string;
  languageCode?: string;
  text: string;
  date?: number;
}): Record<string, unknown> {
  const from = {
    id: update.chatId,
    is_bot: false,
    first_name: update.firstName,
    ...(update.lastName ? { last_name: update.lastName } : {}),
    ...(update.languageCode ? { language_code: update.languageCode } : {}),
  };
  return {
    update_id: update.updateId,
    message: {
      message_id: update.messageId,
      from,
      chat: { id: update.chatId, first_name: update.firstName, type: 'private' },
      date: update.date ?? Math.floor(Date.now() / 1000),
      text: update.text,
    },
  };
}

/** A user's photo (its sizes, the largest last) or document in their private chat with the bot, naming the file by the file_id the fake holds it under. */
export function telegramFileUpdate(update: {
  updateId: number;
  chatId: number;
  messageId: number;
  firstName: string;
  file: { kind: 'photo' } | { kind: 'document'; fileName: string; mimeType: string };
  fileId: string;
  fileSize: number;
  caption?: string;
}): Record<string, unknown> {
  const content =
    update.file.kind === 'photo'
      ? { photo: [{ file_id: `${update.fileId}-thumb`, file_unique_id: 't', width: 90, height: 90, file_size: 1000 }, { file_id: update.fileId, file_unique_id: 'p', width: 800, height: 600, file_size: update.fileSize }] }
      : { document: { file_id: update.fileId, file_unique_id: 'd', file_name: update.file.fileName, mime_type: update.file.mimeType, file_size: update.fileSize } };
  return {
    update_id: update.updateId,
    message: {
      message_id: update.messageId,
      from: { id: update.chatId, is_bot: false, first_name: update.firstName },
      chat: { id: update.chatId, first_name: update.firstName, type: 'private' },
      date: Math.floor(Date.now() / 1000),
      ...content,
      ...(update.caption ? { caption: update.caption } : {}),
    },
  };
}

/** An update of a kind the relay does not take (an edit): it must be acknowledged and ignored. */
export function telegramEditedUpdate(updateId: number, chatId: number): Record<string, unknown> {
  return {
    update_id: updateId,
    edited_message: { message_id: 1, from: { id: chatId, is_bot: false, first_name: 'X' }, chat: { id: chatId, type: 'private' }, date: 1, edit_date: 2, text: 'edited' },
  };
}

/** Telegram's error answer, e.g. telegramError(403, 'Forbidden: bot was blocked by the user'). */
export function telegramError(errorCode: number, description: string, retryAfterSeconds?: number): FakeAnswer {
  return {
    status: errorCode,
    body: { ok: false, error_code: errorCode, description, ...(retryAfterSeconds ? { parameters: { retry_after: retryAfterSeconds } } : {}) },
  };
}
