import { beforeEach, expect, it } from 'vitest';
import { describeStorage } from './adapters.js';
import { seedTenants } from './fixtures.js';

describeStorage('sign-ins', (storage) => {
  beforeEach(() => seedTenants(storage()));

  it('counts failures per tenant and key, and restarts a counter gone quiet', async () => {
    const { signIns } = storage();
    expect(await signIns.recordFailure('acme', 'pair:ann|10.0.0.1', 100, 0)).toBe(1);
    expect(await signIns.recordFailure('acme', 'pair:ann|10.0.0.1', 200, 0)).toBe(2);
    expect(await signIns.recordFailure('globex', 'pair:ann|10.0.0.1', 200, 0)).toBe(1);
    expect(await signIns.recordFailure('', 'email:x@y.test', 150, 0)).toBe(1);
    expect(await signIns.failuresOf('acme', ['pair:ann|10.0.0.1', 'account:ann'])).toEqual([{ key: 'pair:ann|10.0.0.1', failures: 2, lastFailedAt: 200 }]);
    expect(await signIns.failuresOf('acme', [])).toEqual([]);
    // The last failure (200) is older than 250: the count starts again.
    expect(await signIns.recordFailure('acme', 'pair:ann|10.0.0.1', 300, 250)).toBe(1);
    // A late report never moves the last failure back.
    expect(await signIns.recordFailure('acme', 'pair:ann|10.0.0.1', 120, 0)).toBe(2);
    expect(await signIns.failuresOf('acme', ['pair:ann|10.0.0.1'])).toEqual([{ key: 'pair:ann|10.0.0.1', failures: 2, lastFailedAt: 300 }]);
  });

  it('counts concurrent failures without losing any', async () => {
    const { signIns } = storage();
    await Promise.all(Array.from({ length: 20 }, (_, i) => signIns.recordFailure('acme', 'account:ann', 1000 + i, 0)));
    expect(await signIns.failuresOf('acme', ['account:ann'])).toEqual([{ key: 'account:ann', failures: 20, lastFailedAt: 1019 }]);
  });

  it('clears one counter, and prunes the old ones', async () => {
    const { signIns } = storage();
    await signIns.recordFailure('acme', 'a', 100, 0);
    await signIns.recordFailure('acme', 'b', 500, 0);
    await signIns.recordFailure('globex', 'a', 100, 0);
    await signIns.clearFailures('acme', 'a');
    expect(await signIns.failuresOf('acme', ['a', 'b'])).toEqual([{ key: 'b', failures: 1, lastFailedAt: 500 }]);
    await signIns.pruneFailures(200);
    expect(await signIns.failuresOf('globex', ['a'])).toEqual([]);
    expect(await signIns.failuresOf('acme', ['b'])).toHaveLength(1);
  });

  it('remembers the addresses an account signed in from', async () => {
    const { signIns } = storage();
    expect(await signIns.isKnownAddress('ann', '10.0.0.1')).toBe(false);
    await signIns.rememberAddress('ann', '10.0.0.1', 5);
    await signIns.rememberAddress('ann', '10.0.0.1', 9);
    expect(await signIns.isKnownAddress('ann', '10.0.0.1')).toBe(true);
    expect(await signIns.isKnownAddress('ann', '10.0.0.2')).toBe(false);
    expect(await signIns.isKnownAddress('gil', '10.0.0.1')).toBe(false);
  });
});
