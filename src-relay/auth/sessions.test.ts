import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedTenant } from '../demo/seed.js';
import type { RelayCore } from '../relay-core.js';
import { ACME, TEST_PASSWORD, TEST_PASSWORD_COST, testCore } from '../testing/test-relay.js';
import { login } from './login.js';
import { authenticate, logout } from './sessions.js';

describe('sessions', () => {
  let now = 1_000_000;
  let core: RelayCore;

  beforeEach(async () => {
    now = 1_000_000;
    core = testCore(':memory:', () => now);
    await seedTenant(core, ACME, TEST_PASSWORD_COST);
  });
  afterEach(() => core.store.close());

  it('signs in with the right password, whatever the case of the email', async () => {
    const result = await login(core, { email: 'Ann@Acme.TEST', password: TEST_PASSWORD });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.agent).toEqual({ id: 'ann', tenantId: 'acme', email: 'ann@acme.test', name: 'Ann', role: 'agent', language: 'en', teamIds: ['team-a'] });
    expect(result.value.expiresAt).toBe(now + core.tokenTtlMs);
    expect(result.value.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const wrong = await login(core, { email: 'ann@acme.test', password: 'nope' });
    const unknown = await login(core, { email: 'nobody@acme.test', password: TEST_PASSWORD });
    expect(wrong).toEqual({ ok: false, code: 'invalid_credentials', message: 'The email or the password is wrong.' });
    expect(unknown).toEqual(wrong);
  });

  it('accepts a token until it expires, and stores only its hash', async () => {
    const result = await login(core, { email: 'ann@acme.test', password: TEST_PASSWORD });
    if (!result.ok) throw new Error('login failed');
    expect(await authenticate(core, result.value.token)).toMatchObject({ ok: true, agent: { id: 'ann' } });
    expect(await core.store.accounts.findToken(result.value.token)).toBeNull();
    now += core.tokenTtlMs;
    expect(await authenticate(core, result.value.token)).toMatchObject({ ok: false, code: 'unauthorized', message: 'This sign-in has expired; sign in again.' });
  });

  it('refuses unknown tokens and revoked ones', async () => {
    expect(await authenticate(core, 'made-up')).toMatchObject({ ok: false, code: 'unauthorized' });
    const result = await login(core, { email: 'ann@acme.test', password: TEST_PASSWORD });
    if (!result.ok) throw new Error('login failed');
    expect(await logout(core, result.value.token)).not.toBeNull();
    expect(await logout(core, result.value.token)).toBeNull();
    expect(await authenticate(core, result.value.token)).toMatchObject({ ok: false, code: 'unauthorized' });
  });
});
