import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD_COST } from '../testing/test-relay.js';
import { DEFAULT_PASSWORD_COST, hashPassword, verifyAgainstNobody, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('demo1234', TEST_PASSWORD_COST);
    expect(await verifyPassword('demo1234', hash)).toBe(true);
    expect(await verifyPassword('demo12345', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash, so equal passwords do not share one', async () => {
    const [a, b] = await Promise.all([hashPassword('same', TEST_PASSWORD_COST), hashPassword('same', TEST_PASSWORD_COST)]);
    expect(a).not.toBe(b);
  });

  it('stores the cost with the hash, strong by default', async () => {
    expect(DEFAULT_PASSWORD_COST.logN).toBeGreaterThanOrEqual(15);
    const hash = await hashPassword('pw');
    expect(hash.startsWith(`scrypt$${DEFAULT_PASSWORD_COST.logN}$8$1$`)).toBe(true);
    expect(await verifyPassword('pw', hash)).toBe(true);
  });

  it('refuses malformed hashes instead of throwing', async () => {
    for (const stored of ['', 'plain', 'scrypt$x$8$1$salt$key', 'scrypt$40$8$1$salt$key', 'bcrypt$10$8$1$c2FsdA$a2V5']) {
      expect(await verifyPassword('pw', stored)).toBe(false);
    }
  });

  it('answers false for an unknown email after doing the same work', async () => {
    expect(await verifyAgainstNobody('anything')).toBe(false);
  });
});
