import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: a bearer token for agents, a visitor token for web-chat customers. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Exactly what newToken makes: 43 base64url characters. Anything else is refused before any lookup. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Only this is stored, so the database alone cannot be used to sign in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
