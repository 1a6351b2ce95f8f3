import { createHmac } from 'node:crypto';

/**
 * LINE's webhook signature: x-line-signature is the base64 HMAC-SHA256 of the raw request body,
 * keyed with the channel secret.
 * https://developers.line.biz/en/reference/messaging-api/#signature-validation
 * https://developers.line.biz/en/docs/messaging-api/verify-webhook-signature/
 */
export function lineSignature(channelSecret: string, rawBody: string): string {
  return createHmac('sha256', channelSecret).update(rawBody, 'utf8').digest('base64');
}
