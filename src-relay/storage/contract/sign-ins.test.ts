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

describeStorage('two-factor sign-in and disabled accounts', (storage) => {
  beforeEach(() => seedTenants(storage()));

  it('enrols, confirms once with recovery codes, and takes each time step and code once', async () => {
    const { signIns } = storage();
    expect(await signIns.twoFactorOf('ann')).toBeNull();
    expect(await signIns.beginTwoFactor('ann', 'v1.first')).toBe(true);
    expect(await signIns.beginTwoFactor('ann', 'v1.second')).toBe(true);
    expect(await signIns.useTimeStep('ann', 10)).toBe(false);
    expect(await signIns.twoFactorOf('ann')).toEqual({ secretSealed: 'v1.second', confirmedAt: null, lastStep: 0 });
    expect(await signIns.confirmTwoFactor('ann', 10, 500, ['h1', 'h2'])).toBe(true);
    expect(await signIns.confirmTwoFactor('ann', 11, 600, ['h3'])).toBe(false);
    expect(await signIns.beginTwoFactor('ann', 'v1.third')).toBe(false);
    expect(await signIns.twoFactorOf('ann')).toEqual({ secretSealed: 'v1.second', confirmedAt: 500, lastStep: 10 });
    expect(await signIns.useTimeStep('ann', 10)).toBe(false);
    const both = await Promise.all([signIns.useTimeStep('ann', 11), signIns.useTimeStep('ann', 11)]);
    expect(both.sort()).toEqual([false, true]);
    expect(await signIns.useRecoveryCode('ann', 'h3', 700)).toBe(false);
    expect(await signIns.useRecoveryCode('ann', 'h1', 700)).toBe(true);
    expect(await signIns.useRecoveryCode('ann', 'h1', 800)).toBe(false);
    expect(await signIns.useRecoveryCode('gil', 'h2', 800)).toBe(false);
    await signIns.removeTwoFactor('ann');
    expect(await signIns.twoFactorOf('ann')).toBeNull();
    expect(await signIns.useRecoveryCode('ann', 'h2', 900)).toBe(false);
  });

  it("keeps the company's policy for administrators and an account's disabling", async () => {
    const { signIns } = storage();
    expect(await signIns.adminsNeedTwoFactor('acme')).toBe(false);
    await signIns.setAdminsNeedTwoFactor('acme', true);
    expect(await signIns.adminsNeedTwoFactor('acme')).toBe(true);
    expect(await signIns.adminsNeedTwoFactor('globex')).toBe(false);
    expect(await signIns.disabledAt('ann')).toBeNull();
    await signIns.setDisabled('ann', 1234);
    expect(await signIns.disabledAt('ann')).toBe(1234);
    await signIns.setDisabled('ann', null);
    expect(await signIns.disabledAt('ann')).toBeNull();
  });

  it('keeps a token scope and revokes every token of one agent', async () => {
    const { accounts } = storage();
    await accounts.insertToken('t1', 'ann', 1, 100);
    await accounts.insertToken('t2', 'ann', 1, 100, 'enrol');
    await accounts.insertToken('t3', 'gil', 1, 100);
    expect(await accounts.findToken('t2')).toEqual({ agentId: 'ann', expiresAt: 100, scope: 'enrol' });
    await accounts.setTokenScope('t2', 'full');
    expect((await accounts.findToken('t2'))?.scope).toBe('full');
    await accounts.insertToken('t4', 'ann', 1, 50);
    const { signIns } = storage();
    expect(await signIns.liveTokens(['t1', 't2', 't3', 't4', 'nope'], 60)).toEqual(expect.arrayContaining([{ tokenHash: 't1', role: 'agent' }, { tokenHash: 't2', role: 'agent' }, { tokenHash: 't3', role: 'agent' }]));
    expect(await signIns.liveTokens(['t1', 't2', 't3', 't4'], 60)).toHaveLength(3);
    await signIns.setRole('ann', 'supervisor');
    await signIns.setDisabled('gil', 70);
    expect(await signIns.liveTokens(['t1', 't3'], 60)).toEqual([{ tokenHash: 't1', role: 'supervisor' }]);
    expect(await signIns.liveTokens([], 60)).toEqual([]);
    expect((await accounts.deleteAgentTokens('ann')).sort()).toEqual(['t1', 't2', 't4']);
    expect(await accounts.findToken('t1')).toBeNull();
    expect(await accounts.findToken('t3')).toEqual({ agentId: 'gil', expiresAt: 100, scope: 'full' });
  });
});
