import { describe, expect, it } from 'vitest';
import { marketOf } from './customer-chat.js';

describe('marketOf', () => {
  it('takes the region subtag of a language tag', () => {
    expect(marketOf('pt-BR')).toBe('BR');
    expect(marketOf('es-mx')).toBe('MX');
    expect(marketOf('zh-Hant-TW')).toBe('TW');
    expect(marketOf('es-419')).toBe('419');
    expect(marketOf('th')).toBeNull();
    expect(marketOf('sr-Latn')).toBeNull();
  });
});
