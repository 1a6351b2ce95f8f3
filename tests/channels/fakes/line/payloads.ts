import { randomId, type ProviderAnswer } from '../shared-provider-api.js';

/**
 * LINE Messaging API webhook events and error answers, as documented:
 * - webhook event objects (message event, text / image / file message, deliveryContext,
 *   webhookEventId): https://developers.line.biz/en/reference/messaging-api/#webhook-event-objects
 * - error responses ({ message, details[] }): https://developers.line.biz/en/reference/messaging-api/#error-responses
 * - status codes (400, 401, 403, 409, 410, 413, 415, 429, 500):
 *   https://developers.line.biz/en/reference/messaging-api/#status-codes
 *
 * LINE sends no delivery or read status for push and reply messages: there is no webhook telling
 * the bot a message reached or was read by the user. (The "delivery completion" event exists only
 * for LINE notification messages sent to phone numbers, which this product does not use.) A
 * refused push is refused in the API's answer; a push to a user who blocked the account is
 * accepted (200) and simply not shown.
 */

export interface LineParty {
  /** The bot's user id, the webhook's `destination`. */
  botUserId: string;
  userId: string;
}

/** A LINE user, group or room id: U, C or R and 32 hex digits. */
export function lineUserId(): string {
  return randomId('U', 32);
}

/** A message id: a decimal string (LINE's are 18 digits). */
export function lineMessageId(): string {
  return randomId(String(1 + Math.floor(Math.random() * 8)), 17, '0123456789');
}

/** A webhook event id: a ULID (26 characters of Crockford base32). */
export function lineWebhookEventId(): string {
  return randomId('01', 24, '0123456789ABCDEFGHJKMNPQRSTVWXYZ');
}

function messageEvent(party: LineParty, message: Record<string, unknown>): Record<string, unknown> {
  return {
    destination: party.botUserId,
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        source: { type: 'user', userId: party.userId },
        webhookEventId: lineWebhookEventId(),
        deliveryContext: { isRedelivery: false },
        replyToken: randomId('', 32),
        message,
      },
    ],
  };
}

export function lineText(party: LineParty & { text: string; id?: string }): Record<string, unknown> {
  return messageEvent(party, { id: party.id ?? lineMessageId(), type: 'text', quoteToken: randomId('q', 40), text: party.text });
}

/**
 * An image sent from the LINE app: its bytes are fetched with
 * GET {dataApiBaseUrl}/v2/bot/message/{id}/content (put them in with fake.addContent(id, ...)).
 */
export function lineImage(party: LineParty & { id: string }): Record<string, unknown> {
  return messageEvent(party, { id: party.id, type: 'image', quoteToken: randomId('q', 40), contentProvider: { type: 'line' } });
}

/** A file (PDF, ...) sent from the LINE app, fetched like an image. */
export function lineFile(party: LineParty & { id: string; fileName: string; fileSize: number }): Record<string, unknown> {
  return messageEvent(party, { id: party.id, type: 'file', fileName: party.fileName, fileSize: party.fileSize });
}

/** The empty webhook LINE's console "Verify" button and the test-webhook API send. */
export function lineVerifyWebhook(botUserId: string): Record<string, unknown> {
  return { destination: botUserId, events: [] };
}

const answer = (status: number, body: Record<string, unknown>): ProviderAnswer => ({ status, body });

/** The send API's error answers. */
export const lineError = {
  /** 400 with one detail, e.g. lineError.invalid('messages[0].text', 'Length must be between 0 and 5000'). */
  invalid: (property: string, message: string): ProviderAnswer =>
    answer(400, { message: 'The request body has 1 error(s)', details: [{ message, property }] }),
  invalidTo: (): ProviderAnswer => answer(400, { message: "The property, 'to', in the request body is invalid (line: -, column: -)" }),
  unauthorized: (): ProviderAnswer =>
    answer(401, { message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' }),
  monthlyLimit: (): ProviderAnswer => answer(429, { message: 'You have reached your monthly limit.' }),
  rateLimited: (): ProviderAnswer => answer(429, { message: 'The API rate limit has been exceeded. Try again later.' }),
  server: (): ProviderAnswer => answer(500, { message: 'An error occurred in the API server.' }),
  notFound: (): ProviderAnswer => answer(404, { message: 'Not found' }),
};
