import { describe, expect, it } from 'vitest';
import { catalogueLoader, initI18n, switchLanguage } from './index.js';
import { interfaceLanguageFor, NATIVE_NAMES, SUPPORTED_LANGUAGES } from '../../src-shared/i18n/languages.js';

describe('the interface language for a profile language', () => {
  it('maps Chinese by script, Portuguese to Brazil and regional tags to their language', () => {
    expect(interfaceLanguageFor('zh')).toBe('zh-CN');
    expect(interfaceLanguageFor('zh-SG')).toBe('zh-CN');
    expect(interfaceLanguageFor('zh-Hant')).toBe('zh-TW');
    expect(interfaceLanguageFor('zh-TW')).toBe('zh-TW');
    expect(interfaceLanguageFor('zh-HK')).toBe('zh-TW');
    expect(interfaceLanguageFor('pt')).toBe('pt-BR');
    expect(interfaceLanguageFor('pt-PT')).toBe('pt-BR');
    expect(interfaceLanguageFor('es-MX')).toBe('es');
    expect(interfaceLanguageFor('th-TH')).toBe('th');
    expect(interfaceLanguageFor('ar-EG')).toBe('ar');
    expect(interfaceLanguageFor('en-GB')).toBe('en');
  });

  it('falls back to English for a language without a catalogue or a broken tag', () => {
    expect(interfaceLanguageFor('sw')).toBe('en');
    expect(interfaceLanguageFor('not a tag!')).toBe('en');
  });

  it('names every interface language in itself', () => {
    expect(Object.keys(NATIVE_NAMES)).toEqual([...SUPPORTED_LANGUAGES]);
    expect(NATIVE_NAMES.th).toBe('ไทย');
  });
});

describe('switching the interface language', () => {
  it('runs Arabic right to left and stays in English when a catalogue is missing', async () => {
    const i18n = await initI18n('en');
    expect(i18n.dir('ar')).toBe('rtl');
    expect(i18n.dir('zh-CN')).toBe('ltr');
    await switchLanguage(i18n, 'th');
    // With th.json: Thai; without it (not written yet) the interface stays as it was.
    expect(i18n.language).toBe(catalogueLoader('th') ? 'th' : 'en');
    expect(i18n.t('app.name')).not.toBe('');
  });
});
