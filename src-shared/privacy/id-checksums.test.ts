import { describe, expect, it } from 'vitest';
import { hasCardShape, isAadhaar, isChineseResidentId, isCpf, isSsnShape, isThaiCitizenId, passesLuhn } from './id-checksums.js';

/** Published examples of each scheme, and the same numbers with one digit changed. */
describe('identity number checks', () => {
  it('Luhn: the ISO/IEC 7812 example and the card networks’ test numbers pass; one digit off fails', () => {
    for (const valid of ['79927398713', '4111111111111111', '5555555555554444', '378282246310005', '6200000000000005', '3530111333300000']) expect(passesLuhn(valid)).toBe(true);
    for (const invalid of ['79927398710', '4111111111111112', '378282246310006']) expect(passesLuhn(invalid)).toBe(false);
    expect(hasCardShape('2223003122003222')).toBe(true);
    expect(hasCardShape('1234567812345670')).toBe(false);
    // Each issuer at its own lengths.
    expect(hasCardShape('4111111111111111')).toBe(true);
    expect(hasCardShape('41111111111111')).toBe(false);
    expect(hasCardShape('378282246310005')).toBe(true);
    expect(hasCardShape('3782822463100050')).toBe(false);
    expect(hasCardShape('5555555555554444')).toBe(true);
    expect(hasCardShape('55555555555544')).toBe(false);
    // Twelve digits inside an order number are not a Maestro card, even when they pass Luhn.
    expect(passesLuhn('567890123456')).toBe(true);
    expect(hasCardShape('567890123456')).toBe(false);
  });

  it('Verhoeff: the Aadhaar sample 2341 2341 2346 passes; a changed or swapped digit, or a leading 0/1, fails', () => {
    expect(isAadhaar('234123412346')).toBe(true);
    expect(isAadhaar('234123412347')).toBe(false);
    expect(isAadhaar('243123412346')).toBe(false);
    expect(isAadhaar('123412341234')).toBe(false);
  });

  it('CPF: 529.982.247-25 passes; a wrong check digit and all-equal digits fail', () => {
    expect(isCpf('52998224725')).toBe(true);
    expect(isCpf('52998224726')).toBe(false);
    expect(isCpf('11111111111')).toBe(false);
  });

  it('China: the GB 11643 example 11010519491231002X passes; another check character or an impossible birth date fails', () => {
    expect(isChineseResidentId('11010519491231002X')).toBe(true);
    expect(isChineseResidentId('11010519491231002x')).toBe(true);
    expect(isChineseResidentId('110105194912310021')).toBe(false);
    expect(isChineseResidentId('110105194902300028')).toBe(false);
  });

  it('Thailand: the mod-11 check digit', () => {
    expect(isThaiCitizenId('1101700230708')).toBe(true);
    expect(isThaiCitizenId('1101700230701')).toBe(false);
    expect(isThaiCitizenId('9101700230708')).toBe(false);
  });

  it('US SSN: area 000, 666 and 9xx, group 00 and serial 0000 are never issued', () => {
    expect(isSsnShape('078051120')).toBe(true);
    for (const never of ['000123456', '666123456', '912345678', '123004567', '123450000']) expect(isSsnShape(never)).toBe(false);
  });
});
