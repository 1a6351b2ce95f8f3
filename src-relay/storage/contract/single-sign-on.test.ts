import { beforeEach, expect, it } from 'vitest';
import { describeStorage } from './adapters.js';
import { seedTenants } from './fixtures.js';

describeStorage('single sign-on', (storage) => {
  beforeEach(() => seedTenants(storage()));

  const acme = { tenantId: 'acme', issuer: 'https://id.acme.test', clientId: 'desk', clientSecretSealed: 'v1.secret', displayName: 'Acme SSO', updatedAt: 10 };

  it('keeps one provider per company, replaced and removed', async () => {
    const { singleSignOn } = storage();
    expect(await singleSignOn.configOf('acme')).toBeNull();
    await singleSignOn.saveConfig(acme);
    await singleSignOn.saveConfig({ ...acme, displayName: 'Acme login', updatedAt: 20 });
    await singleSignOn.saveConfig({ ...acme, tenantId: 'globex', displayName: 'Globex' });
    expect(await singleSignOn.configOf('acme')).toEqual({ ...acme, displayName: 'Acme login', updatedAt: 20 });
    expect((await singleSignOn.listConfigs()).map((config) => config.displayName)).toEqual(['Acme login', 'Globex']);
    await singleSignOn.removeConfig('acme');
    expect(await singleSignOn.configOf('acme')).toBeNull();
  });

  it('gives a pending entry once, of its own kind, and not once expired', async () => {
    const { singleSignOn } = storage();
    await singleSignOn.putPending('a', 'authorization', { tenantId: 'acme', sealed: 's1' }, 100);
    await singleSignOn.putPending('b', 'handoff', { tenantId: 'acme', sealed: 's2' }, 100);
    await singleSignOn.putPending('c', 'handoff', { tenantId: 'acme', sealed: 's3' }, 50);
    expect(await singleSignOn.takePending('a', 'handoff', 10)).toBeNull();
    const takes = await Promise.all([singleSignOn.takePending('b', 'handoff', 10), singleSignOn.takePending('b', 'handoff', 10)]);
    expect(takes.filter((take) => take !== null)).toEqual([{ tenantId: 'acme', sealed: 's2' }]);
    expect(await singleSignOn.takePending('c', 'handoff', 60)).toBeNull();
    await singleSignOn.prunePending(200);
    // Pruned: the authorization entry is gone too.
    expect(await singleSignOn.takePending('a', 'authorization', 10)).toBeNull();
  });

  it('takes an authorization entry before it expires', async () => {
    const { singleSignOn } = storage();
    await singleSignOn.putPending('a', 'authorization', { tenantId: 'globex', sealed: 's1' }, 100);
    expect(await singleSignOn.takePending('a', 'authorization', 99)).toEqual({ tenantId: 'globex', sealed: 's1' });
  });
});
