import { createHmac } from 'node:crypto';

/**
 * Viber's callback signature: X-Viber-Content-Signature is the hex HMAC-SHA256 of the raw JSON
 * body, keyed with the bot's authentication token (the official viber-bot-node checks it the same
 * way in lib/message/message-validator.js).
 * https://developers.viber.com/docs/api/rest-bot-api/#callbacks
 */
export function viberSignature(authToken: string, rawBody: string): string {
  return createHmac('sha256', authToken).update(rawBody, 'utf8').digest('hex');
}
