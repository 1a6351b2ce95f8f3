import { createHmac } from 'node:crypto';

/**
 * Meta's webhook signature (Messenger, Instagram): X-Hub-Signature-256 is "sha256=" and the hex
 * HMAC-SHA256 of the raw body, keyed with the app secret.
 * https://developers.facebook.com/docs/messenger-platform/webhooks#validate-payloads
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads
 */
export function metaSignature(appSecret: string, rawBody: string): string {
  return 'sha256=' + createHmac('sha256', appSecret).update(rawBody, 'utf8').digest('hex');
}

/**
 * A payload serialised as Meta sends it: Meta signs "an escaped unicode version of the payload,
 * with lowercase hex digits" (e.g. äöå goes out as \u00e4\u00f6\u00e5), and its deliveries write
 * "/" as "\/" (as the WhatsApp fake does too). A receiver that re-encodes the parsed JSON instead
 * of hashing the bytes it got computes another signature.
 */
export function metaJson(payload: unknown): string {
  return JSON.stringify(payload)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (char) => '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0'));
}
