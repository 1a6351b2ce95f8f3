import { describe, expect, it } from 'vitest';
import { baseLanguage, describeRoute, planTranslation, type TranslationModel } from './translation-routes.js';

function pair(source: string, target: string): TranslationModel {
  return { id: `opus-mt-${source}-${target}`, path: `/m/opus-mt-${source}-${target}`, dtype: 'q8', languages: { source, target } };
}
const m2m: TranslationModel = { id: 'm2m100_418M', path: '/m/m2m100_418M', dtype: 'q8', languages: { among: ['en', 'es', 'th', 'vi'] } };

describe('translation routes', () => {
  it('prefers a direct pair model', () => {
    const steps = planTranslation([pair('es', 'en'), m2m], 'es', 'en');
    expect(describeRoute(steps ?? [])).toBe('opus-mt-es-en');
  });

  it('pivots through English when two pair models cover the way', () => {
    const steps = planTranslation([pair('th', 'en'), pair('en', 'es'), m2m], 'th', 'es');
    expect(steps?.map((s) => [s.model.id, s.source, s.target])).toEqual([
      ['opus-mt-th-en', 'th', 'en'],
      ['opus-mt-en-es', 'en', 'es'],
    ]);
  });

  it('falls back to a many-to-many model, told the pair', () => {
    const steps = planTranslation([pair('th', 'en'), m2m], 'th', 'vi');
    expect(steps).toEqual([{ model: m2m, source: 'th', target: 'vi' }]);
  });

  it('has no route for an uncovered pair, and none needed within one language', () => {
    expect(planTranslation([pair('es', 'en')], 'en', 'es')).toBeNull();
    expect(planTranslation([], 'pt-BR', 'pt-PT')).toEqual([]);
    expect(baseLanguage('zh-Hant-TW')).toBe('zh');
  });
});
