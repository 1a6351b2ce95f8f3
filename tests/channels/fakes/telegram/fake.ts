import { postWebhook, startFakeApi, type DeliveryAttempt, type FakeApi, type RetrySchedule, type SentRequest } from '../fake-http.js';
import { TelegramFilesApi } from './files.js';
import { telegramError } from './payloads.js';

export interface TelegramFakeOptions {
  botToken: string;
  /** setWebhook's secret_token: sent back in X-Telegram-Bot-Api-Secret-Token. */
  secretToken: string;
  /** Telegram retries an unacknowledged update "a reasonable number of times"; tests shorten that. */
  retry?: RetrySchedule;
}

export interface DeliverOptions {
  webhookUrl: string;
  /** 'forged': another secret token; 'missing': no header. */
  signature?: 'valid' | 'forged' | 'missing';
  retry?: RetrySchedule;
}

export interface TelegramFake extends FakeApi {
  deliveries: DeliveryAttempt[];
  /** POSTs an Update with the secret token header, redelivering until a 2xx; returns the last status. */
  deliver(update: unknown, options: DeliverOptions): Promise<number>;
  /** The very same bytes once more, as Telegram's retry sends them. */
  redeliver(update: unknown, options: DeliverOptions): Promise<number>;
  /** Messages sendMessage took: the chat, the text, its parse_mode (if any) and the message_id answered. */
  texts(): { chatId: string; text: string; parseMode: string | undefined; messageId: number }[];
  /** Files users send (add gives the file_id a message names), and those the bot sent. */
  files: TelegramFilesApi;
}

const DEFAULT_RETRY: RetrySchedule = { attempts: 5, delayMs: 200 };
const BOT = { id: 7_000_000_001, is_bot: true, first_name: 'Acme Support', username: 'acme_support_bot' };

/** The Bot API for one bot, and its webhook. */
export async function startTelegramFake(options: TelegramFakeOptions): Promise<TelegramFake> {
  const messageIds = new Map<string, number>();
  // message_id counts per chat.
  const nextMessageId = (chatId: string) => {
    const messageId = (messageIds.get(chatId) ?? 100) + 1;
    messageIds.set(chatId, messageId);
    return messageId;
  };
  const files = new TelegramFilesApi(options.botToken, nextMessageId);
  const api = await startFakeApi(async (request) => {
    const download = files.download(request);
    if (download) return download;
    const [, bot, method] = /^\/bot([^/]+)\/(\w+)$/.exec(request.path) ?? [];
    if (bot !== options.botToken) return telegramError(401, 'Unauthorized');
    if (method === 'getFile') return files.getFile((request.body ?? { file_id: request.query.file_id }) as { file_id?: unknown });
    if (method && files.isSendMethod(method)) return files.send(method, request);
    // getMe takes GET or POST and no parameters: "a simple method for testing your bot's authentication token".
    if (method === 'getMe') return { status: 200, body: { ok: true, result: { ...BOT, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } } };
    if (method !== 'sendMessage') return telegramError(404, 'Not Found');
    const body = (request.body ?? {}) as { chat_id?: unknown; text?: unknown };
    const chatId = typeof body.chat_id === 'number' || typeof body.chat_id === 'string' ? String(body.chat_id) : '';
    if (!chatId) return telegramError(400, 'Bad Request: chat_id is empty');
    if (typeof body.text !== 'string' || body.text.trim() === '') return telegramError(400, 'Bad Request: message text is empty');
    if (body.text.length > 4096) return telegramError(400, 'Bad Request: message is too long');
    const messageId = nextMessageId(chatId);
    const chat = { id: Number(chatId), first_name: 'Customer', type: 'private' };
    return { status: 200, body: { ok: true, result: { message_id: messageId, from: BOT, chat, date: Math.floor(Date.now() / 1000), text: body.text } } };
  });
  const deliveries: DeliveryAttempt[] = [];
  const deliver = (update: unknown, { webhookUrl, signature = 'valid', retry }: DeliverOptions) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== 'missing') headers['x-telegram-bot-api-secret-token'] = signature === 'valid' ? options.secretToken : `${options.secretToken}x`;
    return postWebhook(webhookUrl, JSON.stringify(update), headers, retry ?? options.retry ?? DEFAULT_RETRY, deliveries);
  };
  return {
    ...api,
    deliveries,
    deliver,
    redeliver: (update, deliverOptions) => deliver(update, { ...deliverOptions, retry: { attempts: 1, delayMs: 0 } }),
    texts: () => api.sent.filter((request) => request.path.endsWith('/sendMessage') && request.response.status === 200).map(textOf),
    files,
  };
}

function textOf(request: SentRequest): { chatId: string; text: string; parseMode: string | undefined; messageId: number } {
  const body = request.body as { chat_id: string | number; text: string; parse_mode?: string };
  const answer = request.response.body as { result: { message_id: number } };
  return { chatId: String(body.chat_id), text: body.text, parseMode: body.parse_mode, messageId: answer.result.message_id };
}
