import { describe, expect, it } from 'vitest';
import { gramsQueryOf, isUnspacedShortTerm, unspacedGrams } from './search-grams.js';

describe('character pairs for scripts without spaces', () => {
  it('makes every neighbouring pair and the last character of each run, and nothing for Latin text', () => {
    expect(unspacedGrams('退款需要')).toBe('退款 款需 需要 要');
    expect(unspacedGrams('Order 返品 please, 到')).toBe('返品 品 到');
    expect(unspacedGrams('เก็บเงิน')).toBe('เก ก็ ็บ บเ เง งิ ิน น');
    expect(unspacedGrams('ポーチ')).toBe('ポー ーチ チ');
    expect(unspacedGrams('Where is my parcel?')).toBeNull();
  });

  it('answers one and two characters of those scripts from the pairs, longer or other terms elsewhere', () => {
    expect(isUnspacedShortTerm('返品')).toBe(true);
    expect(isUnspacedShortTerm('返')).toBe(true);
    expect(isUnspacedShortTerm('ค่')).toBe(true);
    expect(isUnspacedShortTerm('退款需')).toBe(false);
    expect(isUnspacedShortTerm('ok')).toBe(false);
    expect(gramsQueryOf('返品')).toBe('"返品"');
    expect(gramsQueryOf('返')).toBe('"返"*');
  });
});
