import { beforeEach, expect, it } from 'vitest';
import { describeStorage } from './adapters.js';
import { seedTenants } from './fixtures.js';

describeStorage('model sets', (storage) => {
  beforeEach(() => seedTenants(storage()));

  it('keeps one pinned set per company, in its order, replaced and removed', async () => {
    const { modelSets } = storage();
    expect(await modelSets.pinnedOf('acme')).toBeNull();
    await modelSets.setPinned('acme', ['opus-mt-th-en', 'opus-mt-en-zh'], 10);
    await modelSets.setPinned('acme', ['paraphrase-multilingual-MiniLM-L12-v2', 'opus-mt-th-en'], 20);
    await modelSets.setPinned('globex', ['m2m100_418M'], 20);
    expect(await modelSets.pinnedOf('acme')).toEqual(['paraphrase-multilingual-MiniLM-L12-v2', 'opus-mt-th-en']);
    expect(await modelSets.pinnedOf('globex')).toEqual(['m2m100_418M']);
    await modelSets.setPinned('acme', null, 30);
    expect(await modelSets.pinnedOf('acme')).toBeNull();
    expect(await modelSets.pinnedOf('globex')).toEqual(['m2m100_418M']);
  });
});
