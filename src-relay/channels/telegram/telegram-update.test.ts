import { describe, expect, it } from 'vitest';
import { telegramAdapter } from './telegram-adapter.js';
import { parseTelegramUpdate } from './telegram-update.js';

const CREDENTIALS = { botToken: '1:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 'relay-secret-token-0123456789' };
const from = { id: 42, is_bot: false, first_name: 'Olena', last_name: 'Koval', language_code: 'uk' };

describe('a Telegram update', () => {
  it("gives a private message with the chat as the user and the chat's message id", () => {
    const update = { update_id: 9, message: { message_id: 7, from, chat: { id: 42, type: 'private' }, date: 1_700_000_000, text: 'Привіт' } };
    expect(parseTelegramUpdate(update)).toEqual({
      ok: true,
      webhook: { messages: [{ providerMessageId: '42:7', externalUserId: '42', displayName: 'Olena Koval', language: 'uk', body: 'Привіт', sentAt: 1_700_000_000_000 }], statuses: [] },
    });
    const sizes = [{ file_id: 'small', file_unique_id: 's', width: 90, height: 90, file_size: 900 }, { file_id: 'large', file_unique_id: 'l', width: 800, height: 800, file_size: 90_000 }];
    const photo = { update_id: 10, message: { message_id: 8, from, chat: { id: 42, type: 'private' }, date: 1, photo: sizes, caption: 'look' } };
    // The largest size is the one fetched.
    expect(parseTelegramUpdate(photo)).toMatchObject({ ok: true, webhook: { messages: [{ body: 'look', media: [{ ref: 'large', name: 'photo.jpg', mediaType: 'image/jpeg', size: 90_000 }] }] } });
    const sticker = { update_id: 11, message: { message_id: 9, from, chat: { id: 42, type: 'private' }, date: 1, sticker: { file_id: 'st' } } };
    expect(parseTelegramUpdate(sticker)).toMatchObject({ ok: true, webhook: { messages: [{ body: '[sticker]' }] } });
  });

  it('leaves out group chats, bots and other kinds of update, and refuses what is not an update', () => {
    const empty = { ok: true, webhook: { messages: [], statuses: [] } };
    expect(parseTelegramUpdate({ update_id: 1, message: { message_id: 1, from, chat: { id: -100, type: 'supergroup' }, date: 1, text: 'hi all' } })).toEqual(empty);
    expect(parseTelegramUpdate({ update_id: 2, message: { message_id: 1, from: { ...from, is_bot: true }, chat: { id: 42, type: 'private' }, date: 1, text: 'x' } })).toEqual(empty);
    expect(parseTelegramUpdate({ update_id: 3, callback_query: { id: 'q' } })).toEqual(empty);
    expect(parseTelegramUpdate({ message: {} }).ok).toBe(false);
  });

  it("takes the secret token header in constant time, and only the account's", () => {
    const headers = (token?: string) => (token === undefined ? {} : { 'x-telegram-bot-api-secret-token': token });
    const request = (headers: Record<string, string | undefined>) => ({ rawBody: Buffer.alloc(0), headers, query: {}, url: 'https://relay.test/channels/telegram/x' });
    expect(telegramAdapter.verify(request(headers(CREDENTIALS.secretToken)), CREDENTIALS)).toBe(true);
    expect(telegramAdapter.verify(request(headers(`${CREDENTIALS.secretToken}x`)), CREDENTIALS)).toBe(false);
    expect(telegramAdapter.verify(request(headers('')), CREDENTIALS)).toBe(false);
    expect(telegramAdapter.verify(request(headers()), CREDENTIALS)).toBe(false);
  });
});
