import { describe, expect, it } from 'vitest';
import { Catalog, type CatalogInput } from './catalog.js';
import { needsOf, planModels, type PlanInput } from './model-plan.js';

const MB = 1_000_000;
const FILES = ['config.json'];

function catalog(): Catalog {
  const pair = (source: string, target: string, sizeBytes = 100 * MB) => ({ id: `opus-mt-${source}-${target}`, repo: `X/opus-mt-${source}-${target}`, task: 'translation' as const, source, target, licence: 'CC-BY-4.0', dtype: 'q8' as const, sizeBytes, files: FILES });
  const input: CatalogInput = {
    models: [
      pair('th', 'en'),
      pair('en', 'zh'),
      pair('zh', 'en'),
      pair('ja', 'en'),
      pair('es', 'en'),
      pair('en', 'es'),
      pair('ko', 'en'),
      { id: 'many', repo: 'X/many', task: 'translation', multilingual: true, languages: ['en', 'zh', 'th', 'ja', 'es'], licence: 'MIT', dtype: 'q8', sizeBytes: 600 * MB, files: FILES },
      { id: 'embed', repo: 'X/embed', task: 'embedding', licence: 'Apache-2.0', dtype: 'q8', sizeBytes: 120 * MB, files: FILES },
    ],
  };
  return Catalog.parse(input);
}

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    catalog: catalog(),
    installed: new Set(),
    agentLanguage: 'zh',
    agentLanguages: ['zh', 'en'],
    customerLanguages: [{ language: 'th-TH', weight: 3 }],
    pinned: null,
    budgetBytes: 10_000 * MB,
    usedBytes: 0,
    ...overrides,
  };
}

describe('model plan', () => {
  it('reads every customer language first, most frequent first, then the embedding model, then the replies', () => {
    const needs = needsOf(input({ customerLanguages: [{ language: 'ja', weight: 1 }, { language: 'th-TH', weight: 2 }, { language: 'th', weight: 2 }, { language: 'en-US', weight: 9 }, { language: 'zh-TW', weight: 5 }] }));
    expect(needs).toEqual([
      { kind: 'read', source: 'th', target: 'zh' },
      { kind: 'read', source: 'ja', target: 'zh' },
      { kind: 'embedding' },
      { kind: 'reply', source: 'zh', target: 'th' },
      { kind: 'reply', source: 'zh', target: 'ja' },
    ]);
  });

  it('reads through English when there is no direct pair, and replies with the many-to-many model where no pair reaches', () => {
    const plan = planModels(input());
    expect(plan.fetch.map((model) => model.id)).toEqual(['opus-mt-th-en', 'opus-mt-en-zh', 'embed', 'many']);
    expect(plan.fetch[3]?.need).toEqual({ kind: 'reply', source: 'zh', target: 'th' });
    expect(plan.leftOut).toEqual([]);
  });

  it('fetches nothing that is installed, and counts an installed model as free for every need it meets', () => {
    const plan = planModels(input({ installed: new Set(['many', 'embed']) }));
    expect(plan.fetch).toEqual([]);
  });

  it('prefers a direct pair over the same bytes through English', () => {
    const plan = planModels(input({ agentLanguage: 'en', agentLanguages: [], customerLanguages: [{ language: 'es', weight: 1 }] }));
    expect(plan.fetch.map((model) => model.id)).toEqual(['opus-mt-es-en', 'embed', 'opus-mt-en-es']);
  });

  it('within the budget, keeps the most useful models and says what it left out and why', () => {
    const plan = planModels(input({ budgetBytes: 500 * MB, usedBytes: 150 * MB }));
    expect(plan.fetch.map((model) => model.id)).toEqual(['opus-mt-th-en', 'opus-mt-en-zh', 'embed']);
    expect(plan.leftOut).toEqual([{ need: { kind: 'reply', source: 'zh', target: 'th' }, modelIds: ['many'], reason: 'over-budget' }]);
    expect(plan.fetch.reduce((total, model) => total + model.sizeBytes, 0)).toBeLessThanOrEqual(350 * MB);
  });

  it('names a language no model in the catalog can translate', () => {
    const plan = planModels(input({ customerLanguages: [{ language: 'ko', weight: 1 }] }));
    expect(plan.fetch.map((model) => model.id)).toEqual(['opus-mt-ko-en', 'opus-mt-en-zh', 'embed']);
    expect(plan.leftOut).toEqual([{ need: { kind: 'reply', source: 'zh', target: 'ko' }, modelIds: [], reason: 'no-model' }]);
  });

  it('fetches exactly a pinned set, in its order, whatever the languages', () => {
    const plan = planModels(input({ pinned: ['embed', 'opus-mt-es-en', 'not-in-catalog', 'many'], installed: new Set(['many']) }));
    expect(plan.fetch.map((model) => model.id)).toEqual(['embed', 'opus-mt-es-en']);
    expect(plan.leftOut).toEqual([{ need: { kind: 'pinned', modelId: 'not-in-catalog' }, modelIds: ['not-in-catalog'], reason: 'no-model' }]);
  });

  it('leaves a pinned model out when it would not fit', () => {
    const plan = planModels(input({ pinned: ['many', 'embed'], budgetBytes: 200 * MB }));
    expect(plan.fetch.map((model) => model.id)).toEqual(['embed']);
    expect(plan.leftOut.map((left) => [left.modelIds, left.reason])).toEqual([[['many'], 'over-budget']]);
  });
});
