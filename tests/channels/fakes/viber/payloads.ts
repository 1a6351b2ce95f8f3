import { randomId, type ProviderAnswer } from '../shared-provider-api.js';

/**
 * Viber REST Bot API callbacks and answers, as documented:
 * - callbacks (message, delivered, seen, failed, subscribed, unsubscribed, conversation_started,
 *   webhook): https://developers.viber.com/docs/api/rest-bot-api/#callbacks and
 *   https://creators.viber.com/docs/bots-api/events/message-seen
 * - send_message answer and error codes (0 ok ... 6 receiverNotSubscribed ... 12
 *   tooManyRequests): https://developers.viber.com/docs/api/rest-bot-api/#error-codes
 * Viber's message_token is a 64-bit integer written bare in the JSON (e.g. 4912661846655238145),
 * beyond JavaScript's exact integers: a receiver that JSON.parse-s it gets a rounded number. The
 * builders take tokens as decimal strings and viberJson writes them bare, as Viber does.
 */

export interface ViberUser {
  id: string;
  name: string;
  avatar?: string;
  country?: string;
  language?: string;
  api_version?: number;
}

/** A message token: 19 decimal digits, kept as text. */
export function viberMessageToken(): string {
  return randomId(String(1 + Math.floor(Math.random() * 8)), 18, '0123456789');
}

/** A Viber user id: base64 of 16 bytes, as Viber's ids look ("01234567890A=" in the docs). */
export function viberUserId(): string {
  return Buffer.from(randomId('', 32)).toString('base64').slice(0, 22) + '==';
}

const chatHostname = () => `SN-CHAT-${String(Math.floor(Math.random() * 20)).padStart(2, '0')}_`;

/** Serialises a callback as Viber does: message_token bare even past 2^53. */
export function viberJson(payload: unknown): string {
  return JSON.stringify(payload, (key, value: unknown) => (key === 'message_token' && typeof value === 'string' ? `\u0000${value}\u0000` : value)).replace(
    /"\\u0000(\d+)\\u0000"/g,
    '$1',
  );
}

/** A message from a user; `message` is Viber's message object (see viberTextMessage, viberPicture). */
export function viberMessage(sender: ViberUser, message: Record<string, unknown>, token = viberMessageToken()): Record<string, unknown> {
  return {
    event: 'message',
    timestamp: Date.now(),
    chat_hostname: chatHostname(),
    message_token: token,
    sender: { avatar: 'https://media-direct.cdn.viber.com/avatar.jpg', country: 'UA', language: 'uk', api_version: 10, ...sender },
    message,
    silent: false,
  };
}

export const viberTextMessage = (text: string) => ({ type: 'text', text });
/** A picture: `media` is the URL Viber serves it at (fake.addMedia gives one the fake serves). */
export const viberPicture = (media: string, fileName = 'photo.jpg', size = 0) => ({ type: 'picture', text: '', media, thumbnail: media, file_name: fileName, size });
export const viberFile = (media: string, fileName: string, size: number) => ({ type: 'file', media, file_name: fileName, size });

type StatusEvent = 'delivered' | 'seen' | 'failed';

/** delivered / seen / failed for a message the bot sent (failed carries `desc`). */
export function viberStatus(event: StatusEvent, messageToken: string, userId: string, desc?: string): Record<string, unknown> {
  const payload: Record<string, unknown> = { event, timestamp: Date.now(), chat_hostname: chatHostname(), message_token: messageToken, user_id: userId };
  if (event === 'failed') payload.desc = desc ?? 'failed to deliver';
  return payload;
}

export function viberUnsubscribed(userId: string): Record<string, unknown> {
  return { event: 'unsubscribed', timestamp: Date.now(), chat_hostname: chatHostname(), user_id: userId, message_token: viberMessageToken() };
}

/** The "webhook" callback Viber sends to a URL being set, to check it answers. */
export function viberWebhookCheck(): Record<string, unknown> {
  return { event: 'webhook', timestamp: Date.now(), chat_hostname: chatHostname(), message_token: viberMessageToken() };
}

const STATUS_MESSAGES = [
  'ok',
  'invalidUrl',
  'invalidAuthToken',
  'badData',
  'missingData',
  'receiverNotRegistered',
  'receiverNotSubscribed',
  'publicAccountBlocked',
  'publicAccountNotFound',
  'publicAccountSuspended',
  'webhookNotSet',
  'receiverNoSuitableDevice',
  'tooManyRequests',
  'apiVersionNotSupported',
  'incompatibleWithVersion',
  'publicAccountNotAuthorized',
  'inchatReplyMessageNotAllowed',
  'publicAccountIsNotInline',
  'noPublicChat',
  'cannotSendBroadcast',
  'broadcastNotAllowed',
  'unsupportedCountry',
  'paymentUnsupported',
  'freeMessagesExceeded',
  'noBalance',
];

/** Viber's answer for a status code: HTTP 200 with { status, status_message }, e.g. viberError(6). */
export function viberError(status: number, statusMessage?: string): ProviderAnswer {
  return { status: 200, body: { status, status_message: statusMessage ?? STATUS_MESSAGES[status] ?? 'General error' } };
}
