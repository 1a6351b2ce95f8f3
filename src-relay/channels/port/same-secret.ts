import { createHmac, timingSafeEqual } from 'node:crypto';

/** Compares two secrets in time that does not depend on where they differ (hashed first, so the lengths match). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHmac('sha256', 'same-secret').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
