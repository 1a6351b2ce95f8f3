import { describe, expect, it } from 'vitest';
import { singleNodeLeases } from './leases.js';

describe('singleNodeLeases', () => {
  it('always holds: a relay alone runs every timer', async () => {
    const leases = singleNodeLeases();
    expect(await leases.acquire('sla', 't1')).toBe(true);
    expect(leases.held('offers', 't2')).toBe(true);
  });
});
