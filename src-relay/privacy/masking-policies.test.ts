import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MASKING_POLICY } from '../../src-shared/privacy/masking-policy.js';
import { seedTenants } from '../storage/contract/fixtures.js';
import type { RelayStorage } from '../storage/port/relay-storage.js';
import { openSqliteStorage } from '../storage/sqlite/sqlite-storage.js';
import { MaskingPolicies } from './masking-policies.js';

const PHONES_TOO = { agent: ['card', 'phone'], supervisor: ['card'], admin: ['card'] } satisfies typeof DEFAULT_MASKING_POLICY;

/** Each node's copy of the policies: read at hello and pull, set at once on a local change, read again when old (another node's change). */
describe('masking policies at hand', () => {
  let storage: RelayStorage;
  let clock = 0;
  let policies: MaskingPolicies;

  beforeEach(async () => {
    storage = openSqliteStorage(':memory:');
    await seedTenants(storage);
    clock = 0;
    policies = new MaskingPolicies(storage.accounts, () => clock, (where, error) => {
      throw new Error(`${where}: ${String(error)}`);
    }, 5_000);
  });
  afterEach(() => storage.close());

  it('gives the default until a policy is stored, and what another node stored once its copy is old', async () => {
    expect(await policies.load('acme')).toEqual(DEFAULT_MASKING_POLICY);
    expect([...policies.maskingFor('acme', 'agent').kinds]).not.toContain('phone');
    await storage.accounts.setMaskingPolicy('acme', PHONES_TOO);
    clock = 4_999;
    expect(await policies.load('acme')).toEqual(DEFAULT_MASKING_POLICY);
    clock = 5_000;
    policies.maskingFor('acme', 'agent'); // too old: read again in the background
    await expect.poll(() => [...policies.maskingFor('acme', 'agent').kinds]).toContain('phone');
    expect(policies.maskingFor('acme', 'agent').key).toBe('card,phone');
    expect(await policies.load('globex')).toEqual(DEFAULT_MASKING_POLICY);
  });

  it("takes this node's own change at once", async () => {
    await policies.load('acme');
    policies.remember('acme', PHONES_TOO);
    expect(policies.maskingFor('acme', 'agent').key).toBe('card,phone');
    expect(policies.maskingFor('acme', 'supervisor').key).toBe('card');
  });
});
