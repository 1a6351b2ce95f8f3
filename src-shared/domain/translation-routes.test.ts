import { describe, expect, it } from 'vitest';
import { canTranslate, offersTranslation, translatesBothWays, TranslationRoutes, type TranslationRoute } from './translation-routes.js';

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

  it('offers "Translate to …" only for a message not in the agent language, along an installed route', () => {
    const routes = [pair('th', 'es')];
    // A Spanish customer wrote one Thai line: their Spanish messages are not offered a translation to Spanish.
    expect(offersTranslation(routes, { language: 'es' }, 'es', 'es-MX')).toBe(false);
    expect(offersTranslation(routes, { language: 'th' }, 'es', 'es')).toBe(true);
    // Not detected (an emoji, an order number): the conversation's language decides.
    expect(offersTranslation(routes, { language: null }, 'es', 'es')).toBe(false);
    expect(offersTranslation(routes, { language: null }, 'th', 'es')).toBe(true);
    // No model from German: no link that could only fail.
    expect(offersTranslation(routes, { language: 'de' }, 'de', 'es')).toBe(false);
  });

  it('refuses a report that is not a list of routes', () => {
    expect(TranslationRoutes.safeParse([{ source: 'th', target: 'en' }, { among: ['zh', 'th'] }]).success).toBe(true);
    expect(TranslationRoutes.safeParse([{ source: 'Thai', target: 'en' }]).success).toBe(false);
    expect(TranslationRoutes.safeParse([{ among: ['zh'] }]).success).toBe(false);
    expect(TranslationRoutes.safeParse([{ source: 'th', target: 'en', path: '/home/mei/models' }]).success).toBe(false);
  });
});
