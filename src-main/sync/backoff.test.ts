import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryDelay } from './backoff.js';

const policy = { baseMs: 500, capMs: 10_000 };

describe('retryDelay', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    const justBelowOne = () => 0.999_999;
    expect([0, 1, 2, 3, 4, 5, 50].map((attempt) => retryDelay(attempt, policy, justBelowOne))).toEqual([499, 999, 1999, 3999, 7999, 9999, 9999]);
  });

  it('stays within [0, ceiling) for any attempt and random draw', () => {
    fc.assert(
      fc.property(fc.nat(1_000), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, draw) => {
        const delay = retryDelay(attempt, policy, () => draw);
        return Number.isInteger(delay) && delay >= 0 && delay < Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
      }),
    );
  });
});
