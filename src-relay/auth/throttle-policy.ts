import type { SignInFailures } from '../storage/port/sign-ins.js';

/**
 * How refused sign-ins slow the next ones (docs/privacy.md, "Sign-in"). Each counter allows some
 * failures free, then doubles a wait from the last failure, up to a ceiling:
 *
 * - `pair` (this account from this address): strict. A guesser at one door is slowed at once.
 * - `address` (any account of the company from this address): a sprayer trying many accounts.
 * - `account` (this account from anywhere): loose, and skipped for an address the account signed
 *   in from before, so a flood from many addresses cannot lock the real user out.
 */
export interface ThrottleRule {
  free: number;
  firstWaitMs: number;
  maxWaitMs: number;
}

export const THROTTLE_RULES = {
  pair: { free: 5, firstWaitMs: 1_000, maxWaitMs: 15 * 60_000 },
  address: { free: 20, firstWaitMs: 1_000, maxWaitMs: 15 * 60_000 },
  account: { free: 30, firstWaitMs: 1_000, maxWaitMs: 5 * 60_000 },
} as const satisfies Record<string, ThrottleRule>;

export type ThrottleScope = keyof typeof THROTTLE_RULES;

/** A counter with no failure for this long starts again from zero. */
export const THROTTLE_QUIET_MS = 60 * 60_000;

export function throttleKey(scope: 'pair', accountKey: string, address: string): string;
export function throttleKey(scope: 'account', accountKey: string): string;
export function throttleKey(scope: 'address', address: string): string;
export function throttleKey(scope: ThrottleScope, first: string, second?: string): string {
  return second === undefined ? `${scope}:${first}` : `${scope}:${first}|${second}`;
}

/** How long a counter makes the next attempt wait, from `now`; 0 when it may go ahead. */
export function waitMs(rule: ThrottleRule, counter: SignInFailures | undefined, now: number): number {
  if (!counter || counter.failures < rule.free || now - counter.lastFailedAt >= THROTTLE_QUIET_MS) return 0;
  const doublings = Math.min(counter.failures - rule.free, 30);
  const wait = Math.min(rule.firstWaitMs * 2 ** doublings, rule.maxWaitMs);
  return Math.max(0, counter.lastFailedAt + wait - now);
}
