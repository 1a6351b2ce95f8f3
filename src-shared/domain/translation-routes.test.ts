import { describe, expect, it } from 'vitest';
import { canTranslate, translatesBothWays, TranslationRoutes, type TranslationRoute } from './translation-routes.js';

const pair = (source: string, target: string): TranslationRoute => ({ source, target });

describe('what installed routes can translate', () => {
  it('goes one way per pair model, through English when two cover it', () => {
    const routes = [pair('th', 'en'), pair('en', 'zh')];
    expect(canTranslate(routes, 'th', 'zh-CN')).toBe(true);
    expect(canTranslate(routes, 'zh', 'th')).toBe(false);
    expect(canTranslate([], 'th', 'zh')).toBe(false);
    expect(canTranslate([], 'pt-BR', 'pt')).toBe(true);
  });

  it('serves a customer through translation only when both ways are covered', () => {
    expect(translatesBothWays([pair('th', 'en'), pair('en', 'zh')], ['zh'], 'th')).toBe(false);
    expect(translatesBothWays([pair('th', 'en'), pair('en', 'zh'), pair('zh', 'en'), pair('en', 'th')], ['zh'], 'th')).toBe(true);
    expect(translatesBothWays([{ among: ['zh', 'th', 'es'] }], ['de', 'zh'], 'th')).toBe(true);
    expect(translatesBothWays([{ among: ['zh', 'es'] }], ['zh'], 'th')).toBe(false);
  });

  it('refuses a report that is not a list of routes', () => {
    expect(TranslationRoutes.safeParse([{ source: 'th', target: 'en' }, { among: ['zh', 'th'] }]).success).toBe(true);
    expect(TranslationRoutes.safeParse([{ source: 'Thai', target: 'en' }]).success).toBe(false);
    expect(TranslationRoutes.safeParse([{ among: ['zh'] }]).success).toBe(false);
    expect(TranslationRoutes.safeParse([{ source: 'th', target: 'en', path: '/home/mei/models' }]).success).toBe(false);
  });
});
