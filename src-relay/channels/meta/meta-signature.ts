import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookAnswer } from '../port/channel-adapter.js';
import { sameSecret } from '../port/same-secret.js';

/**
 * Shared by Meta's channels (WhatsApp, Messenger, Instagram). Meta signs each webhook with the app secret: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of
 * the raw body>`. The body is hashed exactly as received (Meta escapes non-ASCII characters as
 * \uXXXX in what it sends, so re-serialised JSON would not match).
 */
export function metaSignatureValid(rawBody: Buffer, header: string | string[] | undefined, appSecret: string): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Meta's check of a new callback URL: GET ?hub.mode=subscribe&hub.verify_token=<ours>&hub.challenge=<n>,
 * answered with the challenge when the token is the one the administrator entered.
 */
export function metaHandshake(query: Record<string, string | undefined>, verifyToken: string): WebhookAnswer {
  const token = query['hub.verify_token'] ?? '';
  const challenge = query['hub.challenge'] ?? '';
  if (query['hub.mode'] !== 'subscribe' || !sameSecret(token, verifyToken) || !/^[\w-]{1,256}$/.test(challenge)) {
    return { status: 403, body: 'forbidden' };
  }
  return { status: 200, body: challenge };
}
