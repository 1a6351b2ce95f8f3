import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedTenant } from '../../demo/seed.js';
import type { RelayCore } from '../../relay-core.js';
import { ACME, TEST_PASSWORD_COST, testCore } from '../../testing/test-relay.js';

describe('accounts store', () => {
  let core: RelayCore;

  beforeEach(async () => {
    core = testCore();
    await seedTenant(core, ACME, TEST_PASSWORD_COST);
    await seedTenant(
      core,
      {
        ...ACME,
        tenant: { id: 'other', name: 'Other' },
        teams: [{ id: 'other-team', name: 'Other team', languages: ['en'] }],
        agents: [{ id: 'oz', email: 'oz@other.test', name: 'Oz', role: 'agent', language: 'en', teams: ['other-team'] }],
      },
      TEST_PASSWORD_COST,
    );
  });

  afterEach(() => core.store.close());

  it("lists a team's routable agents: agents only, of that team and tenant, as the accounts say", async () => {
    const accounts = core.store.accounts;
    await accounts.setChosenPresence('bob', 'away');
    await accounts.markAssigned('ann', 42);
    expect(await accounts.listRoutable('acme', 'team-a')).toEqual([
      { agentId: 'ann', chosenPresence: 'available', lastAssignedAt: 42, language: 'en', routing: null },
      { agentId: 'bob', chosenPresence: 'away', lastAssignedAt: 0, language: 'de', routing: null },
    ]);
    expect((await accounts.listRoutable('acme', 'team-b')).map((a) => a.agentId)).toEqual(['cid']);
    expect(await accounts.listRoutable('acme', 'other-team')).toEqual([]);
  });

  it("lists every agent's chosen presence in the tenant, as the whole accounts would", async () => {
    const accounts = core.store.accounts;
    await accounts.setChosenPresence('sue', 'away', { reason: 'meeting' });
    await accounts.setChosenPresence('ann', 'after-call-work', { reason: 'lunch', until: 5000 });
    const whole = (await accounts.listTenantAgents('acme')).map((a) => ({ agentId: a.agent.id, chosenPresence: a.chosenPresence, presenceReason: a.presenceReason, presenceUntil: a.presenceUntil }));
    expect(await accounts.listChosenPresences('acme')).toEqual(whole);
    expect(whole.find((p) => p.agentId === 'sue')).toMatchObject({ chosenPresence: 'away', presenceReason: 'meeting', presenceUntil: null });
    // A reason is for away only; an end for after-call work only.
    expect(whole.find((p) => p.agentId === 'ann')).toMatchObject({ chosenPresence: 'after-call-work', presenceReason: null, presenceUntil: 5000 });
    expect(await accounts.listStatesEnded(4999)).toEqual([]);
    expect(await accounts.listStatesEnded(5000)).toEqual(['ann']);
    expect(await accounts.listChosenPresences('other')).toEqual([{ agentId: 'oz', chosenPresence: 'available', presenceReason: null, presenceUntil: null }]);
  });
});
