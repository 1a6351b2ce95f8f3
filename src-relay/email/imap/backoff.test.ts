import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles from the first wait up to the longest, within the upper half of each step', () => {
    const top = () => 1;
    const bottom = () => 0;
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1_000, 5_000, top))).toEqual([1_000, 2_000, 4_000, 5_000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1_000, 5_000, bottom))).toEqual([500, 1_000, 2_000, 2_500]);
    expect(backoffDelay(10_000, 1_000, 5_000, top)).toBe(5_000);
  });
});
