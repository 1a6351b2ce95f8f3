import { describe, expect, it } from 'vitest';
import { seedTenant } from '../../demo/seed.js';
import { ACME, GLOBEX, TEST_PASSWORD_COST, acmeCore, addTestConversation } from '../../testing/test-relay.js';

describe('events.heads() on SQLite', () => {
  it("gives every tenant's head as headSeq does, kept by pruning, and 0 for a tenant without events", async () => {
    let clock = 1_000;
    const core = await acmeCore(() => clock);
    try {
      await seedTenant(core, { ...GLOBEX, tenant: { id: 'quiet', name: 'Quiet' }, teams: [{ id: 'quiet-team', name: 'Quiet Team', languages: ['en'] }], agents: [] }, TEST_PASSWORD_COST);
      await seedTenant(core, GLOBEX, TEST_PASSWORD_COST);
      await addTestConversation(core, 'c1', 'ann');
      clock = 5_000;
      await addTestConversation(core, 'c2', 'ann');
      const acmeHead = await core.store.events.headSeq(ACME.tenant.id);
      expect(acmeHead).toBeGreaterThan(0);
      await core.store.transaction((tx) => tx.events.prune(ACME.tenant.id, 10_000));

      const heads = await core.store.events.heads();
      expect(heads.get(ACME.tenant.id)).toBe(acmeHead);
      expect(heads.get(GLOBEX.tenant.id)).toBe(await core.store.events.headSeq(GLOBEX.tenant.id));
      expect(heads.get('quiet')).toBe(0);
      expect(heads.size).toBe(3);
    } finally {
      await core.store.close();
    }
  });
});
