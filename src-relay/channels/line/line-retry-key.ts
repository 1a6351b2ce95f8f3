import { createHash } from 'node:crypto';

/** Our namespace for name-based UUIDs (RFC 9562 version 5); any fixed UUID would do. */
const RELAY_NAMESPACE = '5f0c3d52-8a4e-4f0b-9d61-2b7c9e4a1f38';

/**
 * The X-Line-Retry-Key of a reply's push: a UUID derived from our message id (and the push's
 * place, for a reply in several pushes), so that every attempt, a retry after the relay restarted
 * included, carries the same key, and LINE executes each push once (a repeat is answered 409
 * with what it sent then). The first push keeps the key of a reply in one push.
 */
export function lineRetryKey(messageId: string, part = 0): string {
  return nameBasedUuid(RELAY_NAMESPACE, part === 0 ? messageId : `${messageId}#${part}`);
}

/** RFC 9562 UUID version 5: SHA-1 of the namespace's bytes and the name, with version and variant bits set. */
export function nameBasedUuid(namespace: string, name: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replaceAll('-', ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
