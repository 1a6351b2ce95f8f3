import { describe, expect, it } from 'vitest';
import { THROTTLE_QUIET_MS, THROTTLE_RULES, throttleKey, waitMs } from './throttle-policy.js';

const rule = THROTTLE_RULES.pair;
const counter = (failures: number, lastFailedAt = 1_000_000) => ({ key: 'k', failures, lastFailedAt });

describe('sign-in throttle policy', () => {
  it('lets the free failures through, then doubles the wait from the last failure', () => {
    expect(waitMs(rule, undefined, 1_000_000)).toBe(0);
    expect(waitMs(rule, counter(rule.free - 1), 1_000_000)).toBe(0);
    expect(waitMs(rule, counter(rule.free), 1_000_000)).toBe(1_000);
    expect(waitMs(rule, counter(rule.free + 1), 1_000_000)).toBe(2_000);
    expect(waitMs(rule, counter(rule.free + 3), 1_000_000)).toBe(8_000);
    expect(waitMs(rule, counter(rule.free + 3), 1_005_000)).toBe(3_000);
    expect(waitMs(rule, counter(rule.free + 3), 1_009_000)).toBe(0);
  });

  it('never waits longer than the ceiling, however many failures', () => {
    expect(waitMs(rule, counter(10_000), 1_000_000)).toBe(rule.maxWaitMs);
    expect(waitMs(THROTTLE_RULES.account, counter(10_000), 1_000_000)).toBe(THROTTLE_RULES.account.maxWaitMs);
  });

  it('forgets a counter gone quiet', () => {
    expect(waitMs(rule, counter(10_000), 1_000_000 + THROTTLE_QUIET_MS)).toBe(0);
  });

  it('is strict per account and address, loose per account', () => {
    expect(THROTTLE_RULES.pair.free).toBeLessThan(THROTTLE_RULES.address.free);
    expect(THROTTLE_RULES.address.free).toBeLessThan(THROTTLE_RULES.account.free);
  });

  it('names keys apart by scope', () => {
    expect(throttleKey('pair', 'ann', '10.0.0.1')).toBe('pair:ann|10.0.0.1');
    expect(throttleKey('account', 'ann')).toBe('account:ann');
    expect(throttleKey('address', '10.0.0.1')).toBe('address:10.0.0.1');
  });
});
