import { createHash } from 'node:crypto';
import type { WebhookAnswer } from '../port/channel-adapter.js';
import { sameSecret } from '../port/same-secret.js';

/**
 * WeChat's signatures (接入指南, "Access overview"; 消息加解密说明, "Message encryption"): the
 * sha1 hex of the Token, the timestamp and the nonce, sorted as strings and joined (`signature`,
 * on every push and on the server-URL check), and in safe mode the same with the Encrypt text
 * added (`msg_signature`). WeChat signs the query, not the body: in plaintext mode the body is
 * not covered, which is why docs/channels.md recommends the safe mode.
 */
export function wechatSignatureOf(parts: readonly string[]): string {
  return createHash('sha1').update([...parts].sort().join(''), 'utf8').digest('hex');
}

/** Whether `query` carries the account's `signature` (and, given the Encrypt text, its `msg_signature`). */
export function wechatSigned(query: Record<string, string | undefined>, token: string, encrypt?: string): boolean {
  const { signature, timestamp, nonce } = query;
  if (!signature || !timestamp || !nonce) return false;
  if (!sameSecret(signature, wechatSignatureOf([token, timestamp, nonce]))) return false;
  if (encrypt === undefined) return true;
  const sealed = query.msg_signature;
  return !!sealed && sameSecret(sealed, wechatSignatureOf([token, timestamp, nonce, encrypt]));
}

/** The server-URL check: GET with signature, timestamp, nonce and echostr, answered with echostr when signed with the Token. */
export function wechatHandshake(query: Record<string, string | undefined>, token: string): WebhookAnswer {
  const echostr = query.echostr ?? '';
  if (!wechatSigned(query, token) || !/^[\w-]{1,256}$/.test(echostr)) return { status: 403, body: 'forbidden' };
  return { status: 200, body: echostr };
}
